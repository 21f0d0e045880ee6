import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * The traffic-gap probe of bin/demo, run as a single-file program ({@code java UdpGap.java}).
 *
 * <pre>
 *   java UdpGap.java echo  PORT                  sends every datagram back where it came from
 *   java UdpGap.java probe TARGET_IP PORT FLOWS  until SIGTERM, then two summary lines
 * </pre>
 *
 * While it runs, the probe prints {@code down=N} four times a second: how many flows had no
 * echo in the last 100 ms, so a caller can wait until every flow is back.
 *
 * The probe sends FLOWS numbered UDP streams, one packet per flow every millisecond, each
 * flow from its own source port so that a LACP bond's layer-3+4 hash spreads them over its
 * links, and measures per flow the longest time between two echoes that came back: a
 * failover shows up as that flow's gap, however the flows were spread. Traffic goes both
 * ways, as real traffic does: a one-way stream would also measure how long a bridge keeps
 * sending to where a MAC address was last seen, which is not what the demo is about.
 */
public final class UdpGap {

    private static final int FIRST_SOURCE_PORT = 41000;
    private static final long PERIOD_NANOS = 1_000_000;
    /** The first three seconds' packets are not counted: JIT compilation, ARP. */
    private static final long WARM_UP_PACKETS = 3000;

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("echo")) {
            echo(Integer.parseInt(args[1]));
        } else if (args.length == 4 && args[0].equals("probe")) {
            probe(InetAddress.getByName(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            System.err.println("usage: UdpGap echo PORT | probe TARGET_IP PORT FLOWS");
            System.exit(2);
        }
    }

    private static void echo(int port) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(port)) {
            byte[] buf = new byte[64];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (true) {
                p.setLength(buf.length);
                socket.receive(p);
                socket.send(p); // back to the sender's address and port
            }
        }
    }

    /** Gaps at least this long (all flows stall together when the machine is busy) are listed with the wall-clock time they ended. */
    private static final long LISTED_GAP_NANOS = 20_000_000;

    /** One interruption of a flow: when it ended (epoch ms) and how long it was. */
    private record Gap(int flow, long endedEpochMillis, long nanos) {
    }

    private static final java.util.List<Gap> GAPS = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /** What came back on one flow. Written by its receiving thread, read at the end. */
    private static final class Flow {
        final int index;
        final DatagramSocket socket;
        volatile long echoed;
        volatile long lastNanos = -1;
        volatile long worstNanos;
        volatile long worstAtNanos;

        Flow(int index, DatagramSocket socket) {
            this.index = index;
            this.socket = socket;
        }
    }

    private static void probe(InetAddress target, int port, int flowCount) throws Exception {
        InetSocketAddress to = new InetSocketAddress(target, port);
        Flow[] flows = new Flow[flowCount];
        long start = System.nanoTime();
        for (int f = 0; f < flowCount; f++) {
            flows[f] = new Flow(f, new DatagramSocket(FIRST_SOURCE_PORT + f));
            Flow flow = flows[f];
            Thread receiver = new Thread(() -> receive(flow, start), "flow-" + f);
            receiver.setDaemon(true);
            receiver.start();
        }
        Thread status = new Thread(() -> {
            while (true) {
                LockSupport.parkNanos(250_000_000L);
                long now = System.nanoTime();
                int down = 0;
                for (Flow flow : flows) {
                    if (flow.lastNanos < 0 || now - flow.lastNanos > 100_000_000L) {
                        down++;
                    }
                }
                System.out.println("down=" + down);
            }
        }, "status");
        status.setDaemon(true);
        status.start();
        long[] sent = {0};
        Thread sender = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long stopped = System.nanoTime(); // gaps still open are measured up to here
            sender.interrupt();
            try {
                sender.join(1000);
                Thread.sleep(200); // the last echoes on their way back
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            summary(flows, sent[0], start, stopped);
        }));
        long next = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            for (int f = 0; f < flowCount; f++) {
                byte[] b = ByteBuffer.allocate(12).putInt(f).putLong(sent[0]).array();
                try {
                    flows[f].socket.send(new DatagramPacket(b, b.length, to));
                } catch (IOException e) {
                    // no route for a moment: a lost packet, which is what is measured
                }
            }
            sent[0]++;
            next += PERIOD_NANOS;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    private static void receive(Flow flow, long start) {
        byte[] buf = new byte[64];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (true) {
            try {
                p.setLength(buf.length);
                flow.socket.receive(p);
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                continue;
            }
            long now = System.nanoTime();
            if (ByteBuffer.wrap(buf).getLong(4) < WARM_UP_PACKETS) {
                continue;
            }
            long gap = flow.lastNanos < 0 ? 0 : now - flow.lastNanos;
            if (gap > flow.worstNanos) {
                flow.worstNanos = gap;
                flow.worstAtNanos = now - start;
            }
            if (gap >= LISTED_GAP_NANOS) {
                GAPS.add(new Gap(flow.index, System.currentTimeMillis(), gap));
            }
            flow.lastNanos = now;
            flow.echoed++;
        }
    }

    private static void summary(Flow[] flows, long sentPerFlow, long start, long stopped) {
        // A flow whose echoes had stopped before the probe was stopped is in a gap that has not
        // ended: it counts, up to the stop (not up to now: a slow JVM shutdown is no outage).
        long now = stopped;
        int down = 0;
        for (Flow flow : flows) {
            if (flow.lastNanos >= 0 && now - flow.lastNanos >= LISTED_GAP_NANOS) {
                long open = now - flow.lastNanos;
                GAPS.add(new Gap(flow.index, System.currentTimeMillis() - (System.nanoTime() - stopped) / 1_000_000, open));
                if (open > flow.worstNanos) {
                    flow.worstNanos = open;
                    flow.worstAtNanos = now - start;
                }
                down++;
            }
        }
        int w = 0;
        long echoed = 0;
        for (int f = 0; f < flows.length; f++) {
            echoed += flows[f].echoed;
            if (flows[f].worstNanos > flows[w].worstNanos) {
                w = f;
            }
        }
        long counted = Math.max(0, sentPerFlow - WARM_UP_PACKETS) * flows.length;
        // one machine-readable line: bin/demo prints it in words
        System.out.printf("gap_ms=%.1f flow=%d at_s=%.2f echoed=%d sent=%d lost=%d flows=%d down=%d seconds=%.1f%n",
                flows[w].worstNanos / 1e6, w, flows[w].worstAtNanos / 1e9, echoed, counted,
                Math.max(0, counted - echoed), flows.length, down, (System.nanoTime() - start) / 1e9);
        // every gap of 20 ms or more, as "ENDED_EPOCH_MS:MS", so a gap can be told from the noise before it
        StringBuilder gaps = new StringBuilder("gaps=");
        synchronized (GAPS) {
            for (Gap g : GAPS) {
                gaps.append(gaps.length() > 5 ? "," : "").append(g.endedEpochMillis()).append(':')
                        .append(String.format("%.1f", g.nanos() / 1e6));
            }
        }
        System.out.println(gaps);
        System.out.flush();
    }
}
