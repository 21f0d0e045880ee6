package io.twinlink.agent.daemon;

import static io.twinlink.agent.daemon.LacpPair.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.lacp.MuxMachine;
import io.twinlink.wire.FrameDecoder;
import io.twinlink.wire.FrameEncoder;
import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.LacpPortState;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes (engine + event-loop glue) joined back to back through their frame sinks on
 * one virtual loop ({@link LacpPair}): what the daemon does with frames, timers and effects,
 * without sockets.
 */
class LacpRuntimeTest {

    private final LacpPair pair = new LacpPair();
    private final LacpRuntime a = pair.a;
    private final LacpRuntime b = pair.b;
    private final VirtualLoop loop = pair.loop;

    @Test
    void bringsUpAggregateFromFramesAndTimersAlone() {
        pair.upAndRunning();

        assertThat(a.engine().port("a1").muxState()).isEqualTo(MuxMachine.State.COLLECTING_DISTRIBUTING);
        assertThat(b.engine().port("b2").muxState()).isEqualTo(MuxMachine.State.COLLECTING_DISTRIBUTING);
        assertThat(pair.forwarding).contains("A:a1:true", "A:a2:true", "B:b1:true", "B:b2:true");
        assertThat(pair.captured).isNotEmpty();
        // What goes on the wire is a padded Ethernet frame from the port's own MAC.
        byte[] frame = pair.sentByA.get(0);
        assertThat(frame.length).isGreaterThanOrEqualTo(60);
        assertThat(MacAddress.of(java.util.Arrays.copyOfRange(frame, 6, 12))).isIn(
                MacAddress.of(0x020000000a01L), MacAddress.of(0x020000000a02L));
    }

    @Test
    void bundleStateIsReportedOnceWhenItComesUpAndWhenItGoesDown() {
        List<String> reports = new ArrayList<>();
        a.onBundleState((bundle, up) -> reports.add(bundle + (up ? " up" : " down")));
        pair.start();
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
        pair.start();
        a.onLink("a1", true, true, 10_000);
        b.onLink("b1", true, true, 10_000);
        loop.runFor(5 * S);
        int before = pair.sentByA.size();
        loop.runFor(20 * S);
        assertThat(pair.sentByA.size() - before).isBetween(20, 21); // fast rate, one port up
    }

    @Test
    void malformedAndForeignFramesAreCountedNeverFatal() throws Exception {
        pair.upAndRunning();
        int flaps = pair.forwarding.size();

        byte[] good = pair.sentByA.get(pair.sentByA.size() - 1);
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
        assertThat(pair.forwarding).hasSize(flaps); // no LAG flapped
    }

    @Test
    void aStrangerCannotTakeOverAMemberWhosePartnerIsCurrent() {
        pair.upAndRunning();
        int flaps = pair.forwarding.size();
        MacAddress strangerPort = MacAddress.of(0x02000000ee01L);
        LacpInfo strangerActor = new LacpInfo(1, MacAddress.of(0x02000000ee00L), 99, 1, 1,
                LacpPortState.of(LacpPortState.ACTIVITY | LacpPortState.TIMEOUT | LacpPortState.AGGREGATION));
        byte[] stranger = FrameEncoder.lacpdu(strangerPort, new Lacpdu(strangerActor, LacpInfo.NULL, 0));

        for (int i = 0; i < 50; i++) {
            b.onFrame("b1", stranger);
            loop.runFor(S / 10);
        }
        assertThat(pair.forwarding).hasSize(flaps);
        assertThat(b.engine().port("b1").partnerOperInfo().system()).isEqualTo(MacAddress.of(LacpPair.MAC_A));
        assertThat(b.frameCounters().stranger("b1")).isEqualTo(50);
        assertThat(b.engine().port("b1").counters().lacpdusRx()).isPositive();

        // The partner falls silent on that wire: after one timeout whoever speaks is heard.
        a.onLink("a1", false, true, 10_000);
        loop.runFor(4 * S);
        b.onFrame("b1", stranger);
        loop.runFor(S / 10);
        assertThat(b.engine().port("b1").partnerOperInfo().system()).isEqualTo(strangerActor.system());
        assertThat(b.frameCounters().stranger("b1")).isEqualTo(50);
    }

    @Test
    void gracefulShutdownTellsThePartnerAtOnce() {
        pair.upAndRunning();
        a.shutdown();
        loop.runFor(1);
        assertThat(pair.forwarding).contains("A:a1:false", "B:b1:false", "B:b2:false");
        assertThat(b.engine().port("b1").muxState()).isEqualTo(MuxMachine.State.ATTACHED);
        // A is stopped: nothing more leaves it.
        int sent = pair.sentByA.size();
        loop.runFor(5 * S);
        assertThat(pair.sentByA).hasSize(sent);
    }
}
