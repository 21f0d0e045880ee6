package io.twinlink.bench;

import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.OvsSwitch;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Small set-up steps every benchmark shares. */
final class Wiring {

    private Wiring() {
    }

    /** Sets links up (or down) in one `ip -batch`, so they change within microseconds of each other. */
    static void setLinks(Netns netns, List<String> links, boolean up) {
        StringBuilder batch = new StringBuilder();
        for (String link : links) {
            batch.append("link set ").append(link).append(up ? " up\n" : " down\n");
        }
        netns.command("ip", "-batch", "-").input(batch.toString()).check();
    }

    /**
     * OVS's userspace datapath reads its ports with AF_PACKET and never completes a checksum a
     * veth left to "hardware": with tx checksum offload off on the far end, the kernel does.
     */
    static void checksumInSoftware(Netns netns, List<String> links) {
        for (String link : links) {
            netns.exec("ethtool", "-K", link, "tx", "off");
        }
    }

    /** No IPv6 chatter (router solicitations, DAD) on the links under test. */
    static void noIpv6(Netns netns) {
        netns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
    }

    /** OVS has every member of {@code bond} enabled (collecting and distributing). */
    static boolean ovsEnabled(OvsSwitch ovs, String bond, List<String> members) {
        return ovs.bondShow(bond).enabledMembers().equals(members);
    }

    static void await(String what, Duration limit, BooleanSupplier condition) {
        Awaitility.await(what).atMost(limit).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }

    /** SIGSTOP/SIGCONT to processes this run started (OVS daemons), by PID. */
    static void signal(long pid, String signal) {
        Command.of("kill", "-s", signal, String.valueOf(pid)).check();
    }
}
