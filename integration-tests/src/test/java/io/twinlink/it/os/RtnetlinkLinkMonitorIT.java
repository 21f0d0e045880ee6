package io.twinlink.it.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.twinlink.agent.netlink.Duplex;
import io.twinlink.agent.netlink.LinkEvent;
import io.twinlink.agent.netlink.LinkRequests;
import io.twinlink.agent.netlink.LinkStatus;
import io.twinlink.agent.netlink.NetlinkException;
import io.twinlink.agent.netlink.RouteNetlink;
import io.twinlink.agent.netlink.RtnetlinkLinkMonitor;
import io.twinlink.wire.MacAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The link monitor against the kernel: a veth pair whose far end is set down and up. */
class RtnetlinkLinkMonitorIT {

    private static final MacAddress A_MAC = MacAddress.parse("02:00:00:00:0a:02");

    private Netns ns;
    private RtnetlinkLinkMonitor monitor;
    private RouteNetlink rtnl;
    private final List<LinkEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void vethPair() throws Exception {
        ns = Netns.create("link");
        ns.exec("ip", "link", "add", "name", "tla", "address", A_MAC.toString(), "type", "veth", "peer", "name", "tlb");
        ns.exec("ip", "link", "set", "tla", "up");
        ns.exec("ip", "link", "set", "tlb", "up");
        monitor = ns.call(() -> RtnetlinkLinkMonitor.open(events::add));
        rtnl = ns.call(RouteNetlink::open);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            monitor.close();
            rtnl.close();
        } finally {
            ns.close();
        }
    }

    @Test
    void statusHasIndexMacAdminStateCarrierSpeedAndDuplex() throws Exception {
        LinkStatus tla = monitor.status("tla").orElseThrow();
        String shown = ns.exec("ip", "-o", "link", "show", "tla");
        assertThat(shown).startsWith(tla.ifindex() + ": tla@tlb:");
        assertThat(tla.name()).isEqualTo("tla");
        assertThat(tla.mac()).isEqualTo(A_MAC);
        assertThat(tla.adminUp()).isTrue();
        assertThat(tla.carrier()).isTrue();
        assertThat(tla.link().kind()).isEqualTo("veth");
        assertThat(tla.speedMbps()).isEqualTo(10000);
        assertThat(tla.duplex()).isEqualTo(Duplex.FULL);

        LinkStatus lo = monitor.status("lo").orElseThrow();
        assertThat(lo.speedMbps()).as("lo has no speed").isEqualTo(-1);

        assertThat(monitor.status("tlnope0")).isEmpty();
        assertThat(monitor.status("tlb").orElseThrow().up()).isTrue();
    }

    @Test
    void carrierLossAndReturnArePushed() throws Exception {
        int tlb = rtnl.ifindex("tlb");
        long down = System.nanoTime();
        rtnl.execute(s -> LinkRequests.setAdminUp(tlb, false, s), "set tlb down");
        LinkEvent lost = awaitEvent(e -> e.link().name().equals("tla") && !e.link().carrier());
        System.out.printf("peer set down -> carrier-down event for tla: %.3f ms%n", (lost.receivedNanos() - down) / 1e6);
        assertThat(lost.link().adminUp()).as("tla itself stays admin up").isTrue();
        assertThat(lost.link().up()).isFalse();
        assertThat(lost.removed()).isFalse();
        assertThat(monitor.status("tla").orElseThrow().carrier()).isFalse();

        long up = System.nanoTime();
        rtnl.execute(s -> LinkRequests.setAdminUp(tlb, true, s), "set tlb up");
        LinkEvent back = awaitEvent(e -> e.link().name().equals("tla") && e.link().carrier() && e.receivedNanos() > up);
        System.out.printf("peer set up -> carrier-up event for tla: %.3f ms%n", (back.receivedNanos() - up) / 1e6);
        assertThat(back.link().up()).isTrue();
    }

    @Test
    void eventsOnlyForChangesThatMatter() throws Exception {
        ns.exec("ip", "link", "set", "tla", "mtu", "1400");   // an RTM_NEWLINK nobody acts on
        ns.exec("ip", "link", "set", "tla", "alias", "member");
        ns.exec("ip", "link", "set", "tlb", "down");          // one that matters
        awaitEvent(e -> e.link().name().equals("tla") && !e.link().carrier());
        assertThat(events).noneMatch(e -> e.link().name().equals("tla") && e.link().carrier());
    }

    @Test
    void deletionIsReported() throws Exception {
        ns.exec("ip", "link", "del", "tla");
        LinkEvent gone = awaitEvent(e -> e.removed() && e.link().name().equals("tla"));
        assertThat(gone.link().mac()).isEqualTo(A_MAC);
        awaitEvent(e -> e.removed() && e.link().name().equals("tlb"));
        assertThat(monitor.status("tla")).isEmpty();
    }

    @Test
    void newInterfacesAreReported() throws Exception {
        ns.exec("ip", "link", "add", "name", "tlc", "type", "veth", "peer", "name", "tld");
        LinkEvent created = awaitEvent(e -> e.link().name().equals("tlc"));
        assertThat(created.link().adminUp()).isFalse();
    }

    @Test
    void closeStopsNotifications() throws Exception {
        monitor.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("twinlink-links"));
        int before = events.size();
        ns.exec("ip", "link", "set", "tlb", "down");
        Thread.sleep(200); // asserting an absence: nothing to poll for
        assertThat(events).hasSize(before);
    }

    @Test
    void kernelRefusalsAreOneLineWithTheKernelsReason() throws Exception {
        assertThatThrownBy(() -> rtnl.execute(s -> LinkRequests.createVeth("tla", "tlx", s), "create veth tla"))
                .isInstanceOf(NetlinkException.class)
                .hasMessage("create veth tla: File exists");
        int tla = rtnl.ifindex("tla");
        int tlb = rtnl.ifindex("tlb");
        assertThatThrownBy(() -> rtnl.execute(s -> LinkRequests.setMaster(tla, tlb, s), "enslave tla to tlb"))
                .isInstanceOf(NetlinkException.class)
                .hasMessageStartingWith("enslave tla to tlb: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> rtnl.ifindex("tlnope0"))
                .isInstanceOf(NetlinkException.class)
                .hasMessage("no such interface \"tlnope0\"");
        assertThat(rtnl.link("tlnope0")).isEqualTo(Optional.empty());
    }

    private LinkEvent awaitEvent(Predicate<LinkEvent> wanted) {
        return await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(1))
                .until(() -> events.stream().filter(wanted).findFirst(), Optional::isPresent).orElseThrow();
    }
}
