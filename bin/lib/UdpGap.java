import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The traffic-gap probe of bin/demo, run as a single-file program ({@code java UdpGap.java}):
 * FLOWS numbered UDP streams, one packet per flow every millisecond, each flow from its own
 * source port so that a LACP bond's layer-3+4 hash spreads them over its links. The receiver
 * measures, per flow, the longest time between two packets that arrived: a failover shows up
 * as that flow's gap, however the flows were spread.
 *
 * <pre>
 *   java UdpGap.java send    TARGET_IP PORT FLOWS      until SIGTERM; then an end marker
 *   java UdpGap.java receive PORT FLOWS MAX_SECONDS    one summary line at the end marker
 * </pre>
 *
 * Payload: int flow, long sequence (END = -1 with the number sent per flow).
 */
public final class UdpGap {

    private static final int FIRST_SOURCE_PORT = 41000;
    private static final long PERIOD_NANOS = 1_000_000;
    private static final long END = -1;

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("send")) {
            send(InetAddress.getByName(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else if (args.length == 4 && args[0].equals("receive")) {
            receive(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            System.err.println("usage: UdpGap send TARGET_IP PORT FLOWS | receive PORT FLOWS MAX_SECONDS");
            System.exit(2);
        }
    }

    private static void send(InetAddress target, int port, int flows) throws IOException {
        DatagramSocket[] sockets = new DatagramSocket[flows];
        for (int f = 0; f < flows; f++) {
            sockets[f] = new DatagramSocket(FIRST_SOURCE_PORT + f);
        }
        InetSocketAddress to = new InetSocketAddress(target, port);
        long[] sent = {0};
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            main.interrupt();
            try {
                main.join(1000);
                // several times: the end marker is a datagram too
                for (int i = 0; i < 5; i++) {
                    sockets[0].send(packet(0, END, sent[0], to));
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                // leaving anyway; the receiver ends at its deadline
            }
        }));
        long next = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            for (int f = 0; f < flows; f++) {
                try {
                    sockets[f].send(packet(f, sent[0], 0, to));
                } catch (IOException e) {
                    // no route for a moment: a lost packet, which is what is measured
                }
            }
            sent[0]++;
            next += PERIOD_NANOS;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    private static DatagramPacket packet(int flow, long seq, long total, InetSocketAddress to) {
        byte[] b = ByteBuffer.allocate(20).putInt(flow).putLong(seq).putLong(total).array();
        return new DatagramPacket(b, b.length, to);
    }

    private static void receive(int port, int flows, int maxSeconds) throws IOException {
        long[] last = new long[flows];
        long[] worst = new long[flows];
        long[] worstAt = new long[flows];
        long[] received = new long[flows];
        Arrays.fill(last, -1);
        long start = System.nanoTime();
        long deadline = start + maxSeconds * 1_000_000_000L;
        long sentPerFlow = -1;
        try (DatagramSocket socket = new DatagramSocket(port)) {
            socket.setSoTimeout(200);
            byte[] buf = new byte[64];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (System.nanoTime() < deadline) {
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                long now = System.nanoTime();
                ByteBuffer in = ByteBuffer.wrap(buf, 0, p.getLength());
                int flow = in.getInt();
                long seq = in.getLong();
                if (seq == END) {
                    sentPerFlow = in.getLong();
                    break;
                }
                if (flow < 0 || flow >= flows) {
                    continue;
                }
                if (last[flow] >= 0 && now - last[flow] > worst[flow]) {
                    worst[flow] = now - last[flow];
                    worstAt[flow] = now - start;
                }
                last[flow] = now;
                received[flow]++;
            }
        }
        int w = 0;
        long total = 0;
        for (int f = 0; f < flows; f++) {
            total += received[f];
            if (worst[f] > worst[w]) {
                w = f;
            }
        }
        long sent = sentPerFlow < 0 ? -1 : sentPerFlow * flows;
        // one machine-readable line: bin/demo prints it in words
        System.out.printf("gap_ms=%.1f flow=%d at_s=%.2f received=%d sent=%d lost=%d flows=%d%n",
                worst[w] / 1e6, w, worstAt[w] / 1e9, total, sent, sent < 0 ? -1 : sent - total, flows);
    }
}
