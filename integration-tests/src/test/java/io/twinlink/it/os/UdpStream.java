package io.twinlink.it.os;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A numbered UDP stream over 16 flows whose source ports differ in their low nibble, so that
 * together they cover every hash slot of the tc data plane. The sockets are opened by the
 * caller's thread, so each end lives in the namespace of the thread that built it.
 */
final class UdpStream implements AutoCloseable {

    static final int FLOWS = 16;
    private static final int FIRST_SOURCE_PORT = 40000; // 0x9c40: low nibble 0
    private static final int PERIOD_NANOS = 500_000;

    private final List<DatagramSocket> senders = new ArrayList<>();
    private final InetSocketAddress target;
    private final long[] sentAt = new long[200_000];
    private volatile int sent;
    private volatile boolean running;
    private Thread thread;

    private UdpStream(InetSocketAddress target) {
        this.target = target;
    }

    /** Opens the 16 sending sockets; call on a thread inside the sender's namespace. */
    static UdpStream from(String sourceAddress, InetSocketAddress target) throws Exception {
        UdpStream s = new UdpStream(target);
        for (int f = 0; f < FLOWS; f++) {
            s.senders.add(new DatagramSocket(new InetSocketAddress(InetAddress.getByName(sourceAddress), FIRST_SOURCE_PORT + f)));
        }
        return s;
    }

    /** Sends {@code count} packets, one per flow in turn, 20 000 a second, then returns. */
    void sendBurst(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            sendNext();
            LockSupport.parkNanos(50_000); // faster, the receiving backlog (not the LAG) drops
        }
    }

    /** Starts sending every half millisecond until {@link #stop}. */
    void start() {
        running = true;
        thread = new Thread(() -> {
            long next = System.nanoTime();
            while (running && sent < sentAt.length) {
                try {
                    sendNext();
                } catch (Exception e) {
                    // a refused send (no route for a moment) is a lost packet, which is measured
                }
                next += PERIOD_NANOS;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }, "udp-stream");
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join();
        }
    }

    int sent() {
        return sent;
    }

    long sentAt(int seq) {
        return sentAt[seq];
    }

    private void sendNext() throws Exception {
        int seq = sent;
        byte[] payload = ByteBuffer.allocate(8).putInt(seq).putInt(seq % FLOWS).array();
        sentAt[seq] = System.nanoTime();
        sent = seq + 1;
        senders.get(seq % FLOWS).send(new DatagramPacket(payload, payload.length, target));
    }

    @Override
    public void close() {
        running = false;
        senders.forEach(DatagramSocket::close);
    }

    /** The receiving end: records which sequence numbers arrived. */
    static final class Sink implements AutoCloseable {
        private final DatagramSocket socket;
        private final BitSet received = new BitSet();
        private final Thread thread;

        /** Binds; call on a thread inside the receiver's namespace. */
        Sink(InetSocketAddress bind) throws SocketException {
            socket = new DatagramSocket(bind);
            thread = new Thread(this::receive, "udp-sink");
            thread.setDaemon(true);
            thread.start();
        }

        private void receive() {
            byte[] buf = new byte[64];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (!socket.isClosed()) {
                try {
                    socket.receive(p);
                    int seq = ByteBuffer.wrap(buf).getInt();
                    synchronized (received) {
                        received.set(seq);
                    }
                } catch (Exception e) {
                    return;
                }
            }
        }

        boolean got(int seq) {
            synchronized (received) {
                return received.get(seq);
            }
        }

        int count() {
            synchronized (received) {
                return received.cardinality();
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
