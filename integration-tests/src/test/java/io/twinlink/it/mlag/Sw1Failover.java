package io.twinlink.it.mlag;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.OvsLacpStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sw1 of a serving pair fails while the server streams to the upstream host, as the
 * dual-homed server sees it. Each stream runs 1000 datagrams a second on a flow that the
 * server's OVS bond sends by a chosen member ({@link OvsFlows#flowVia}): one by p1 is the
 * flow that has to move to sw2, one by p2 shows whether the survivor kept its half of the
 * bundle untouched (no new LACP negotiation, which would stop it too). Shared by
 * {@link MlagFailoverIT}, which holds the outage to its target, and the benchmark run's MC-LAG
 * peer death, which reports it.
 */
public final class Sw1Failover implements AutoCloseable {

    /** How sw1 fails. */
    public enum Failure {
        /**
         * SIGKILL of sw1's agent: its LACPDUs stop, but the kernel objects it set up (the
         * aggregate, its tc filters, the member admin up, the bridge) outlive it, so sw1 goes on
         * forwarding, as a switch ASIC whose control plane crashed, until the server's LACP
         * expires the silent partner (3 s at the fast rate) and moves its flows.
         */
        AGENT_KILLED,
        /** SIGKILL of sw1's agent and, at once, carrier loss on its member: the switch lost power. */
        SWITCH_DIES,
        /**
         * Every link of sw1 down at once (member, uplink, peer-link, backup), its agent alive: the
         * server loses carrier on p1, sw2 hears nothing on either path.
         */
        LINKS_DOWN
    }

    private final MlagTestbed bed;
    private final Map<String, SequenceStream> streams = new LinkedHashMap<>();

    private Sw1Failover(MlagTestbed bed) {
        this.bed = bed;
    }

    /**
     * One stream per member named (p1, p2), each on a flow the server sends by that member,
     * all delivering; {@code bed} must be serving ({@link MlagTestbed#awaitServing()}).
     */
    public static Sw1Failover streaming(MlagTestbed bed, String name, String... members) {
        Sw1Failover failover = new Sw1Failover(bed);
        try {
            List<Integer> ports = new ArrayList<>();
            for (String member : members) {
                ports.add(OvsFlows.flowVia(bed, member));
            }
            for (int i = 0; i < members.length; i++) {
                // a receiver of its own for each stream: one port each
                SequenceStream.Spec spec = SequenceStream.between(name + "-" + members[i], bed.server(),
                        MlagTestbed.SERVER_IP, bed.upstream(), MlagTestbed.UPSTREAM_IP).flows(ports.get(i), 1);
                failover.streams.put(members[i], spec.port(spec.port() + i).start());
            }
            for (SequenceStream stream : failover.streams.values()) {
                stream.awaitDelivered(0, 500, Duration.ofSeconds(10));
            }
            return failover;
        } catch (RuntimeException | Error e) {
            failover.close();
            throw e;
        }
    }

    /** Fails sw1; returns the moment it began (System.nanoTime). */
    public long inflict(Failure failure) {
        long at = System.nanoTime();
        MlagTestbed.Switch sw1 = bed.sw1();
        switch (failure) {
            case AGENT_KILLED -> sw1.agent().kill9();
            case SWITCH_DIES -> {
                sw1.agent().kill9();
                sw1.netns().linkDown(MlagTestbed.MEMBER);
            }
            case LINKS_DOWN -> MlagTestbed.setLinks(sw1.netns(), "down", MlagTestbed.MEMBER, MlagTestbed.UPLINK,
                    MlagTestbed.PEER_LINK, MlagTestbed.BACKUP);
        }
        return at;
    }

    /** Polls sw2's {@code show mlag} until it serves alone; the time since {@code since}. */
    public Duration awaitSw2Standalone(long since) {
        return bed.awaitSince(bed.sw2(), since, "standalone", Duration.ofSeconds(10), s -> s.role().equals("standalone"));
    }

    /**
     * Waits until every stream has delivered 300 datagrams sent from now on (an outage still
     * going on would not count: it ends only with a datagram delivered), stops them and returns
     * what each delivered, by member.
     */
    public Map<String, StreamReport> finish() {
        long now = System.nanoTime();
        for (SequenceStream stream : streams.values()) {
            stream.awaitDelivered(now, 300, Duration.ofSeconds(10));
        }
        Map<String, StreamReport> reports = new LinkedHashMap<>();
        for (Map.Entry<String, SequenceStream> e : streams.entrySet()) {
            e.getValue().stopSending();
            reports.put(e.getKey(), e.getValue().report());
        }
        return reports;
    }

    /** sw2 alone: standalone, its half up and not held, the server's bond on p2 with the shared partner. */
    public void assertSurvivorServes() {
        MlagStatus sw2 = bed.sw2().mlag();
        assertThat(sw2.role()).isEqualTo("standalone");
        assertThat(sw2.pairState()).isEqualTo("dead");
        assertThat(sw2.advertisedSystem()).isEqualTo(MlagTestbed.SHARED_MAC);
        assertThat(sw2.bundle(MlagTestbed.MLAG_ID).local()).isEqualTo("up");
        assertThat(sw2.bundle(MlagTestbed.MLAG_ID).protodown()).isFalse();
        bed.awaitOvs("p2 alone enabled, partner still the shared system", () -> {
            OvsLacpStatus.Member p2 = bed.ovs().lacpShow("bond0").member("p2");
            return bed.ovsEnabledMembers().equals(List.of("p2")) && p2.currentAttached()
                    && p2.partnerSystemId().equals(MlagTestbed.SHARED_MAC);
        });
    }

    @Override
    public void close() {
        streams.values().forEach(SequenceStream::close);
    }
}
