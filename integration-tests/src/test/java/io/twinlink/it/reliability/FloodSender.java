package io.twinlink.it.reliability;

import io.twinlink.agent.io.FrameIoException;
import io.twinlink.agent.io.FrameTransport;
import io.twinlink.agent.io.PcapFrameTransport;
import io.twinlink.wire.BpduFlags;
import io.twinlink.wire.BpduPortRole;
import io.twinlink.wire.BpduTimes;
import io.twinlink.wire.BridgeId;
import io.twinlink.wire.FrameEncoder;
import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.LacpPortState;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.PortId;
import io.twinlink.wire.RstBpdu;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A stranger on a wire: sends frames out of one interface at a fixed rate for a while, then
 * prints how many it sent. Run in its own JVM inside a network namespace
 * ({@code ip netns exec NS java -cp ... FloodSender PORT KIND RATE SECONDS}), through the
 * agent's own pcap transport.
 *
 * <ul>
 *   <li>{@code garbage}: random octets behind a Slow Protocols or Bridge Group header, each
 *       from a random source address (so they pass the agent's capture filter);</li>
 *   <li>{@code lacp}: valid LACPDUs of a stranger system, from one stranger address;</li>
 *   <li>{@code bpdu}: valid RST BPDUs claiming a better root, from one stranger address.</li>
 * </ul>
 */
public final class FloodSender {

    static final MacAddress STRANGER = MacAddress.parse("02:00:00:00:ee:01");
    /** Frames sent per wake-up: pacing every millisecond keeps the rate smooth without spinning. */
    private static final long PACING_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private FloodSender() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: FloodSender PORT garbage|lacp|bpdu RATE SECONDS");
            System.exit(2);
        }
        String port = args[0];
        String kind = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        Random random = new Random(7);
        byte[] lacp = strangerLacpdu();
        byte[] bpdu = strangerBpdu();
        long sent = 0;
        long failed = 0;
        try (FrameTransport t = PcapFrameTransport.open(port, frame -> { })) {
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long now;
            while ((now = System.nanoTime()) < end) {
                long due = (now - start) * rate / TimeUnit.SECONDS.toNanos(1);
                while (sent + failed < due) {
                    byte[] frame = switch (kind) {
                        case "lacp" -> lacp;
                        case "bpdu" -> bpdu;
                        default -> garbage(random);
                    };
                    try {
                        t.send(frame);
                        sent++;
                    } catch (FrameIoException e) {
                        failed++;
                    }
                }
                LockSupport.parkNanos(PACING_NANOS);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "sent %d frames (%d failed) in %.3f s: %.0f frames/s%n", sent, failed, elapsed,
                    sent / elapsed);
        }
    }

    private static byte[] garbage(Random random) {
        byte[] f = new byte[60 + random.nextInt(69)];
        random.nextBytes(f);
        boolean slow = random.nextBoolean();
        byte[] dst = slow ? MacAddress.SLOW_PROTOCOLS.toBytes() : MacAddress.BRIDGE_GROUP.toBytes();
        System.arraycopy(dst, 0, f, 0, 6);
        f[6] &= (byte) 0xFE; // a unicast source
        if (slow) {
            f[12] = (byte) 0x88;
            f[13] = 0x09;
        } else {
            f[12] = 0;
            f[13] = (byte) (f.length - 14);
            f[14] = 0x42;
            f[15] = 0x42;
            f[16] = 0x03;
        }
        return f;
    }

    private static byte[] strangerLacpdu() {
        LacpInfo actor = new LacpInfo(1, MacAddress.parse("02:00:00:00:ee:00"), 99, 1, 1, LacpPortState.of(
                LacpPortState.ACTIVITY | LacpPortState.TIMEOUT | LacpPortState.AGGREGATION | LacpPortState.SYNCHRONIZATION));
        return FrameEncoder.lacpdu(STRANGER, new Lacpdu(actor, LacpInfo.NULL, 0));
    }

    private static byte[] strangerBpdu() {
        BridgeId better = BridgeId.of(0, MacAddress.parse("02:00:00:00:ee:00"));
        RstBpdu bpdu = new RstBpdu(BpduFlags.NONE.withPortRole(BpduPortRole.DESIGNATED), better, 0, better,
                new PortId(128, 1), BpduTimes.DEFAULTS);
        return FrameEncoder.bpdu(STRANGER, bpdu.encode());
    }
}
