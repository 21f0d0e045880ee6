package io.twinlink.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.lacp.BundleConfig;
import io.twinlink.lacp.LacpEngine;
import io.twinlink.lacp.LacpSystem;
import io.twinlink.lacp.LacpTrace;
import io.twinlink.lacp.MuxMachine;
import io.twinlink.lacp.PortConfig;
import io.twinlink.wire.FrameDecoder;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes (engine + event-loop glue) joined back to back through their frame sinks on
 * one virtual loop: what the daemon does with frames, timers and effects, without sockets.
 */
class LacpRuntimeTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);

    private final VirtualLoop loop = new VirtualLoop();
    private final Map<String, LacpRuntime> peerOf = new HashMap<>();
    private final Map<String, String> cable = Map.of("a1", "b1", "a2", "b2", "b1", "a1", "b2", "a2");
    private final List<String> forwarding = new ArrayList<>();
    private final List<byte[]> captured = new ArrayList<>();
    private final List<byte[]> sentByA = new ArrayList<>();

    private LacpRuntime runtime(String name, long mac, String p1, String p2) {
        LacpEngine engine = new LacpEngine(new LacpSystem(32768, MacAddress.of(mac)), LacpTrace.NONE);
        engine.addBundle(BundleConfig.of("bond0", 10));
        engine.addPort("bond0", PortConfig.active(p1, 1));
        engine.addPort("bond0", PortConfig.active(p2, 2));
        FrameSink wire = (port, frame) -> {
            if (name.equals("A")) {
                sentByA.add(frame);
            }
            String far = cable.get(port);
            LacpRuntime other = peerOf.get(far);
            loop.schedule(() -> other.onFrame(far, frame), 0);
        };
        LacpRuntime rt = new LacpRuntime(engine, loop, loop::now, wire,
                (bundle, port, c, d) -> forwarding.add(name + ":" + port + ":" + (c && d)),
                (port, dir, frame) -> captured.add(frame),
                Map.of(p1, MacAddress.of(mac + 1), p2, MacAddress.of(mac + 2)));
        peerOf.put(p1, rt);
        peerOf.put(p2, rt);
        return rt;
    }

    @Test
    void bringsUpAggregateFromFramesAndTimersAlone() {
        LacpRuntime a = runtime("A", 0x020000000a00L, "a1", "a2");
        LacpRuntime b = runtime("B", 0x020000000b00L, "b1", "b2");
        a.start();
        b.start();
        for (String p : List.of("a1", "a2")) {
            a.onLink(p, true, true, 10_000);
        }
        for (String p : List.of("b1", "b2")) {
            b.onLink(p, true, true, 10_000);
        }
        loop.runFor(3 * S);

        assertThat(a.engine().port("a1").muxState()).isEqualTo(MuxMachine.State.COLLECTING_DISTRIBUTING);
        assertThat(b.engine().port("b2").muxState()).isEqualTo(MuxMachine.State.COLLECTING_DISTRIBUTING);
        assertThat(forwarding).contains("A:a1:true", "A:a2:true", "B:b1:true", "B:b2:true");
        assertThat(captured).isNotEmpty();
        // What goes on the wire is a padded Ethernet frame from the port's own MAC.
        byte[] frame = sentByA.get(0);
        assertThat(frame.length).isGreaterThanOrEqualTo(60);
        assertThat(MacAddress.of(java.util.Arrays.copyOfRange(frame, 6, 12))).isIn(
                MacAddress.of(0x020000000a01L), MacAddress.of(0x020000000a02L));
    }

    @Test
    void bundleStateIsReportedOnceWhenItComesUpAndWhenItGoesDown() {
        LacpRuntime a = runtime("A", 0x020000000a00L, "a1", "a2");
        LacpRuntime b = runtime("B", 0x020000000b00L, "b1", "b2");
        List<String> reports = new ArrayList<>();
        a.onBundleState((bundle, up) -> reports.add(bundle + (up ? " up" : " down")));
        a.start();
        b.start();
        for (String p : List.of("a1", "a2")) {
            a.onLink(p, true, true, 10_000);
        }
        for (String p : List.of("b1", "b2")) {
            b.onLink(p, true, true, 10_000);
        }
        loop.runFor(3 * S);
        assertThat(reports).containsExactly("bond0 up");

        a.onLink("a1", false, true, 10_000);
        loop.runFor(1 * S);
        assertThat(reports).as("one member left: still up, nothing to report").containsExactly("bond0 up");
        a.onLink("a2", false, true, 10_000);
        loop.runFor(1 * S);
        assertThat(reports).containsExactly("bond0 up", "bond0 down");
    }

    @Test
    void periodicTransmissionKeepsItsOwnPace() {
        LacpRuntime a = runtime("A", 0x020000000a00L, "a1", "a2");
        LacpRuntime b = runtime("B", 0x020000000b00L, "b1", "b2");
        a.start();
        b.start();
        a.onLink("a1", true, true, 10_000);
        b.onLink("b1", true, true, 10_000);
        loop.runFor(5 * S);
        int before = sentByA.size();
        loop.runFor(20 * S);
        assertThat(sentByA.size() - before).isBetween(20, 21); // fast rate, one port up
    }

    @Test
    void malformedAndForeignFramesAreCountedNeverFatal() throws Exception {
        LacpRuntime a = runtime("A", 0x020000000a00L, "a1", "a2");
        LacpRuntime b = runtime("B", 0x020000000b00L, "b1", "b2");
        a.start();
        b.start();
        for (String p : List.of("a1", "a2")) {
            a.onLink(p, true, true, 10_000);
        }
        for (String p : List.of("b1", "b2")) {
            b.onLink(p, true, true, 10_000);
        }
        loop.runFor(3 * S);
        int flaps = forwarding.size();

        byte[] good = sentByA.get(sentByA.size() - 1);
        Lacpdu decoded = (Lacpdu) FrameDecoder.decode(ByteBuffer.wrap(good));
        assertThat(decoded.version()).isEqualTo(1);
        byte[] truncated = java.util.Arrays.copyOf(good, 40);
        byte[] badTlv = good.clone();
        badTlv[14 + 2] = 9; // actor TLV type
        byte[] ossp = good.clone();
        ossp[14] = 10; // Slow Protocols subtype 10 (OSSP)
        byte[] ipv4 = good.clone();
        ipv4[12] = 0x08;
        ipv4[13] = 0x00;
        for (byte[] f : List.of(truncated, badTlv, ossp, ipv4, new byte[0], new byte[3])) {
            b.onFrame("b1", f);
        }
        loop.runFor(5 * S);

        assertThat(b.engine().port("b1").counters().illegalRx()).isEqualTo(2);
        assertThat(b.engine().port("b1").counters().unknownRx()).isEqualTo(1);
        assertThat(b.frameCounters().malformed()).isEqualTo(4);
        assertThat(forwarding).hasSize(flaps); // no LAG flapped
    }

    @Test
    void gracefulShutdownTellsThePartnerAtOnce() {
        LacpRuntime a = runtime("A", 0x020000000a00L, "a1", "a2");
        LacpRuntime b = runtime("B", 0x020000000b00L, "b1", "b2");
        a.start();
        b.start();
        for (String p : List.of("a1", "a2")) {
            a.onLink(p, true, true, 10_000);
        }
        for (String p : List.of("b1", "b2")) {
            b.onLink(p, true, true, 10_000);
        }
        loop.runFor(3 * S);
        a.shutdown();
        loop.runFor(1);
        assertThat(forwarding).contains("A:a1:false", "B:b1:false", "B:b2:false");
        assertThat(b.engine().port("b1").muxState()).isEqualTo(MuxMachine.State.ATTACHED);
        // A is stopped: nothing more leaves it.
        int sent = sentByA.size();
        loop.runFor(5 * S);
        assertThat(sentByA).hasSize(sent);
    }
}
