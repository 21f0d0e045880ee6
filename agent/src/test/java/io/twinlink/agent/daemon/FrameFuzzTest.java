package io.twinlink.agent.daemon;

import static io.twinlink.agent.daemon.LacpPair.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.lacp.AggregationPort;
import io.twinlink.lacp.LacpEngine;
import io.twinlink.lacp.MuxMachine;
import io.twinlink.wire.FrameDecoder;
import io.twinlink.wire.FrameEncoder;
import io.twinlink.wire.FramePdu;
import io.twinlink.wire.FramedBpdu;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MalformedPduException;
import io.twinlink.wire.MarkerPdu;
import io.twinlink.wire.OtherSlowProtocolPdu;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Mutated and random frames ({@link FrameMutator}) through the decoder into running engines
 * (LACP and RSTP runtimes that have already formed their aggregate and tree): no exception
 * escapes, every bad frame is counted where the MIBs say (illegalRx, unknownRx, invalidRx),
 * and what has formed is not disturbed. Every frame is also classified by the decoder itself
 * first, which is the oracle for the counters.
 *
 * <p>The default run tries {@value #DEFAULT_FRAMES} frames per stream; {@code -Dtwinlink.soak=true}
 * tries {@value #SOAK_FRAMES} ({@code -Dtwinlink.fuzz.frames=N} any number,
 * {@code -Dtwinlink.fuzz.seed=N} another seed). Each stream prints one line of figures.
 */
class FrameFuzzTest {

    static final int DEFAULT_FRAMES = 100_000;
    static final int SOAK_FRAMES = 1_000_000;
    private static final int FRAMES = Integer.getInteger("twinlink.fuzz.frames",
            Boolean.getBoolean("twinlink.soak") ? SOAK_FRAMES : DEFAULT_FRAMES);
    private static final long SEED = Long.getLong("twinlink.fuzz.seed", 0x7417_2024L);
    /** Virtual time between two frames: the engines' timers keep running under the fuzz. */
    private static final long GAP = TimeUnit.MILLISECONDS.toNanos(1);
    private static final MacAddress STRANGER = MacAddress.parse("02:00:00:00:ee:01");

    /** What the decoder makes of a frame, which decides where the runtimes must count it. */
    enum Kind {
        MALFORMED_SLOW_PROTOCOLS, MALFORMED_OTHER, LACP_OR_MARKER, OTHER_SLOW_PROTOCOL, IEEE_BPDU, PVST_BPDU, NOT_A_PDU;

        static Kind of(byte[] frame) {
            FramePdu pdu;
            try {
                pdu = FrameDecoder.decode(ByteBuffer.wrap(frame));
            } catch (MalformedPduException e) {
                boolean slow = frame.length >= 14 && (frame[12] & 0xFF) == 0x88 && (frame[13] & 0xFF) == 0x09;
                return slow ? MALFORMED_SLOW_PROTOCOLS : MALFORMED_OTHER;
            }
            if (pdu instanceof Lacpdu || pdu instanceof MarkerPdu) {
                return LACP_OR_MARKER;
            }
            if (pdu instanceof OtherSlowProtocolPdu) {
                return OTHER_SLOW_PROTOCOL;
            }
            if (pdu instanceof FramedBpdu b) {
                return b.pvst() ? PVST_BPDU : IEEE_BPDU;
            }
            return NOT_A_PDU;
        }

        boolean malformed() {
            return this == MALFORMED_SLOW_PROTOCOLS || this == MALFORMED_OTHER;
        }
    }

    /** How many frames of each kind went in, and on which port. */
    private static final class Tally {
        final Map<Kind, Long> total = new EnumMap<>(Kind.class);
        final Map<String, Map<Kind, Long>> byPort = new java.util.HashMap<>();

        void add(String port, Kind kind) {
            total.merge(kind, 1L, Long::sum);
            byPort.computeIfAbsent(port, p -> new EnumMap<>(Kind.class)).merge(kind, 1L, Long::sum);
        }

        long of(String port, Kind... kinds) {
            long n = 0;
            for (Kind k : kinds) {
                n += byPort.getOrDefault(port, Map.of()).getOrDefault(k, 0L);
            }
            return n;
        }

        long sum() {
            return total.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            return total.entrySet().stream().map(e -> e.getKey().name().toLowerCase() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
        }
    }

    // ------------------------------------------------------------------ LACP

    @Test
    void garbageAndStrangersOnTheWireNeverDisturbAnEstablishedLag() {
        LacpPair pair = new LacpPair().upAndRunning();
        FrameMutator mutator = new FrameMutator(SEED, corpus(pair));
        Tally tally = fuzzLacp(pair, FRAMES, () -> FrameMutator.withSource(mutator.next(), STRANGER), k -> true);

        for (String port : List.of("b1", "b2")) {
            assertThat(pair.b.frameCounters().stranger(port)).isEqualTo(tally.of(port, Kind.LACP_OR_MARKER));
        }
        report("lacp, from a stranger's address", tally, mutator);
    }

    @Test
    void badFramesFromThePartnersOwnAddressNeverDisturbTheLag() {
        LacpPair pair = new LacpPair().upAndRunning();
        FrameMutator mutator = new FrameMutator(SEED + 1, corpus(pair));
        // Frames that decode as LACPDUs from the partner's address are the partner speaking:
        // the next test is about those.
        Tally tally = fuzzLacp(pair, FRAMES, mutator::next, k -> k != Kind.LACP_OR_MARKER);

        assertThat(pair.b.frameCounters().stranger("b1") + pair.b.frameCounters().stranger("b2")).isZero();
        report("lacp, bad frames from the partner's address", tally, mutator);
    }

    /**
     * Sends frames into B's ports (alternately b1, b2) and checks that nothing of the aggregate
     * moved and every frame was counted as its kind says.
     *
     * @param source    the next frame (its source address already set)
     * @param injected  which kinds go in (the others are skipped and made again)
     */
    private static Tally fuzzLacp(LacpPair pair, int frames, java.util.function.Supplier<byte[]> source,
                                  Predicate<Kind> injected) {
        LacpEngine b = pair.b.engine();
        String before = lagState(b);
        int flaps = pair.forwarding.size();
        long start = pair.loop.now();
        int[] sentBefore = {pair.sentOn("a1"), pair.sentOn("a2"), pair.sentOn("b1"), pair.sentOn("b2")};
        Tally tally = new Tally();
        for (int i = 0; i < frames; i++) {
            String port = (i & 1) == 0 ? "b1" : "b2";
            byte[] frame = source.get();
            Kind kind = Kind.of(frame);
            if (!injected.test(kind)) {
                i--;
                continue;
            }
            tally.add(port, kind);
            pair.b.onFrame(port, frame);
            pair.loop.runFor(GAP);
        }
        long seconds = (pair.loop.now() - start) / S;

        assertThat(pair.forwarding).as("no member started or stopped forwarding").hasSize(flaps);
        assertThat(lagState(b)).isEqualTo(before);
        long malformed = 0;
        for (String port : List.of("b1", "b2")) {
            AggregationPort p = b.port(port);
            assertThat(p.counters().illegalRx()).as("illegalRx " + port).isEqualTo(tally.of(port, Kind.MALFORMED_SLOW_PROTOCOLS));
            assertThat(p.counters().unknownRx()).as("unknownRx " + port).isEqualTo(tally.of(port, Kind.OTHER_SLOW_PROTOCOL));
            assertThat(pair.b.frameCounters().malformed(port)).isEqualTo(
                    tally.of(port, Kind.MALFORMED_SLOW_PROTOCOLS, Kind.MALFORMED_OTHER));
            malformed += tally.of(port, Kind.MALFORMED_SLOW_PROTOCOLS, Kind.MALFORMED_OTHER);
        }
        assertThat(pair.b.frameCounters().malformed()).isEqualTo(malformed);
        // Periodic transmission (fast: 1 s) went on at its pace on both sides: no LACPDU missed.
        String[] ports = {"a1", "a2", "b1", "b2"};
        for (int i = 0; i < ports.length; i++) {
            assertThat(pair.sentOn(ports[i]) - sentBefore[i]).as("LACPDUs sent on " + ports[i] + " in " + seconds + " s")
                    .isBetween((int) seconds - 1, (int) seconds + 1);
        }
        return tally;
    }

    @Test
    void anyLacpduThePartnerMightSendLeavesTheEngineWorking() {
        LacpPair pair = new LacpPair().upAndRunning();
        FrameMutator mutator = new FrameMutator(SEED + 2, corpus(pair));
        int frames = Math.max(1, FRAMES / 10);
        Tally tally = new Tally();
        for (int i = 0; i < frames; i++) {
            String port = (i & 1) == 0 ? "b1" : "b2";
            byte[] frame = FrameMutator.withSource(mutator.next(), LacpPair.portMac(port.equals("b1") ? "a1" : "a2"));
            Kind kind = Kind.of(frame);
            if (kind != Kind.LACP_OR_MARKER) {
                i--;
                continue;
            }
            tally.add(port, kind);
            pair.b.onFrame(port, frame); // whatever the PDU says, the machines must settle
            pair.loop.runFor(GAP);
        }
        // The partner is sane again: within two aggregate waits and a timeout all is back.
        pair.loop.runFor(10 * S);
        for (String port : List.of("b1", "b2")) {
            assertThat(pair.b.engine().port(port).muxState()).as(port).isEqualTo(MuxMachine.State.COLLECTING_DISTRIBUTING);
            assertThat(pair.b.engine().port(port).partnerOperInfo().system()).isEqualTo(MacAddress.of(LacpPair.MAC_A));
        }
        for (String port : List.of("a1", "a2")) {
            assertThat(pair.a.engine().port(port).muxState()).as(port).isEqualTo(MuxMachine.State.COLLECTING_DISTRIBUTING);
        }
        report("lacp, valid PDUs from the partner's address (the engine must cope, then recover)", tally, mutator);
    }

    /** Every port's Mux state, Selected, aggregator and partner: what a disturbance would change. */
    private static String lagState(LacpEngine engine) {
        return engine.ports().stream().map(p -> p.name() + ":" + p.muxState() + "/" + p.selected() + "/agg"
                + p.aggregatorId() + "/" + p.partnerOperInfo()).collect(Collectors.joining(" "));
    }

    // ------------------------------------------------------------------ RSTP

    @Test
    void badFramesNeverDisturbAnEstablishedTree() {
        StpPair pair = new StpPair().converged();
        String tree = pair.tree();
        assertThat(tree).contains("y1=root/forwarding", "y2=alternate/discarding");
        int changes = pair.portStates.size();
        FrameMutator mutator = new FrameMutator(SEED + 3, corpus(new LacpPair().upAndRunning()));
        long start = pair.loop.now();
        long hellosBefore = pair.y.engine().port("y1").counters().rstRx();
        Tally tally = new Tally();
        for (int i = 0; i < FRAMES; i++) {
            String port = (i & 1) == 0 ? "y1" : "y2";
            byte[] frame = mutator.next();
            Kind kind = Kind.of(frame);
            if (kind == Kind.IEEE_BPDU) {
                i--; // a valid BPDU is the protocol speaking: the next test
                continue;
            }
            tally.add(port, kind);
            pair.y.onFrame(port, frame);
            pair.loop.runFor(GAP);
        }
        long seconds = (pair.loop.now() - start) / S;

        assertThat(pair.tree()).isEqualTo(tree);
        assertThat(pair.portStates).as("no port state set").hasSize(changes);
        for (String port : List.of("y1", "y2")) {
            long malformed = tally.of(port, Kind.MALFORMED_SLOW_PROTOCOLS, Kind.MALFORMED_OTHER);
            assertThat(pair.y.engine().port(port).counters().invalidRx()).as("invalidRx " + port).isEqualTo(malformed);
            assertThat(pair.y.malformed(port)).isEqualTo(malformed);
        }
        assertThat(pair.y.pvstIgnored()).isEqualTo(tally.total.getOrDefault(Kind.PVST_BPDU, 0L));
        // The root's hellos (Hello Time 2 s) kept reaching Y's root port between the garbage.
        assertThat(pair.y.engine().port("y1").counters().rstRx() - hellosBefore)
                .isBetween(seconds / 2 - 1, seconds / 2 + 1);
        report("rstp, bad frames", tally, mutator);
    }

    @Test
    void anyBpduOnTheWireLeavesTheTreeToReconverge() {
        StpPair pair = new StpPair().converged();
        String tree = pair.tree();
        FrameMutator mutator = new FrameMutator(SEED + 4, corpus(new LacpPair().upAndRunning()));
        int frames = Math.max(1, FRAMES / 10);
        Tally tally = new Tally();
        for (int i = 0; i < frames; i++) {
            String port = (i & 1) == 0 ? "y1" : "y2";
            byte[] frame = mutator.next();
            Kind kind = Kind.of(frame);
            if (kind != Kind.IEEE_BPDU) {
                i--;
                continue;
            }
            tally.add(port, kind);
            pair.y.onFrame(port, frame);
            pair.loop.runFor(GAP);
        }
        // Whatever was heard ages out (Max Age at most 40 s, information at most 3 Hello Times
        // of 10 s: 17.14 table 17-1) and the real root's hellos win again.
        int seconds = 0;
        while (!pair.tree().equals(tree) && seconds < 120) {
            pair.loop.runFor(S);
            seconds++;
        }
        assertThat(pair.tree()).as("tree " + seconds + " s after the fuzz").isEqualTo(tree);
        long discarded = pair.y.engine().port("y1").counters().invalidRx() + pair.y.engine().port("y2").counters().invalidRx();
        System.out.printf("fuzz rstp: %d of the valid BPDUs discarded by validation (9.3.4, table 17-1);"
                + " the tree was back %d s after the last one%n", discarded, seconds);
        report("rstp, valid BPDUs (the engine must cope, then reconverge)", tally, mutator);
    }

    // ------------------------------------------------------------------ the malformed captures

    @Test
    void theMalformedCapturesAreCountedAndChangeNothing() {
        LacpPair lacp = new LacpPair().upAndRunning();
        StpPair stp = new StpPair().converged();
        String lag = lagState(lacp.b.engine());
        String tree = stp.tree();
        Tally tally = new Tally();
        for (String name : MALFORMED_CAPTURES) {
            for (byte[] frame : FrameMutator.capture("malformed/" + name)) {
                tally.add(name, Kind.of(frame));
                lacp.b.onFrame("b1", frame);
                stp.y.onFrame("y1", frame);
            }
        }
        lacp.loop.runFor(S);
        stp.loop.runFor(S);
        assertThat(lagState(lacp.b.engine())).isEqualTo(lag);
        assertThat(stp.tree()).isEqualTo(tree);
        long malformed = tally.total.getOrDefault(Kind.MALFORMED_SLOW_PROTOCOLS, 0L)
                + tally.total.getOrDefault(Kind.MALFORMED_OTHER, 0L);
        assertThat(malformed).isPositive();
        assertThat(lacp.b.frameCounters().malformed("b1")).isEqualTo(malformed);
        assertThat(stp.y.engine().port("y1").counters().invalidRx()).isEqualTo(malformed);
        // tcpdump's slow-ossp.pcap: an OSSP frame (subtype 10), which 802.1AX counts as unknown
        assertThat(lacp.b.engine().port("b1").counters().unknownRx())
                .isEqualTo(tally.of("tcpdump__slow-ossp.pcap", Kind.OTHER_SLOW_PROTOCOL)).isPositive();
    }

    // ------------------------------------------------------------------ the corpus

    private static final List<String> MALFORMED_CAPTURES = List.of("tcpdump__slow-ossp.pcap",
            "tcpdump__stp-heapoverflow-1.pcap", "tcpdump__stp-heapoverflow-2.pcap", "tcpdump__stp-heapoverflow-3.pcap",
            "tcpdump__stp-heapoverflow-4.pcap", "tcpdump__stp-v4-length-sigsegv.pcap");

    /**
     * Real frames to mutate: the LACPDUs the pair's A actually sent, Marker PDUs, and every
     * Ethernet frame of the golden and malformed captures (LACP, 802.1D, RSTP, MSTP, PVST+,
     * 802.3/LLC, and tcpdump's crash reproducers).
     */
    private static List<byte[]> corpus(LacpPair pair) {
        List<byte[]> corpus = new ArrayList<>(pair.sentByA.subList(Math.max(0, pair.sentByA.size() - 8),
                pair.sentByA.size()));
        MarkerPdu request = MarkerPdu.request(1, MacAddress.of(LacpPair.MAC_A), 7);
        corpus.add(FrameEncoder.marker(LacpPair.portMac("a1"), request));
        corpus.add(FrameEncoder.marker(LacpPair.portMac("a1"), request.response()));
        for (String name : List.of("tcpdump__LACP.pcap", "tcpdump__802.1D_spanning_tree.pcap",
                "tcpdump__802.1w_rapid_STP.pcap", "tcpdump__MSTP_Intra-Region_BPDUs.pcap",
                "tcpdump__rpvstp-trunk-native-vid5.pcap", "PcapPlusPlus__EthDot3.pcap")) {
            corpus.addAll(FrameMutator.capture(name));
        }
        for (String name : MALFORMED_CAPTURES) {
            corpus.addAll(FrameMutator.capture("malformed/" + name));
        }
        return corpus;
    }

    private static void report(String stream, Tally tally, FrameMutator mutator) {
        System.out.printf("fuzz %s: %d frames, seed %d: %s%n  mutations: %s%n", stream, tally.sum(), SEED, tally,
                mutator.usage());
    }
}
