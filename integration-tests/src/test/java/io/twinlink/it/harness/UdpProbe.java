package io.twinlink.it.harness;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * One end of a two-way UDP stream, run as its own process inside a namespace by {@link UdpStream}
 * ({@code java -cp TEST-CLASSES io.twinlink.it.harness.UdpProbe LOCAL PEER PORT INTERVAL_US FILE}).
 * It sends a datagram to PEER:PORT from LOCAL:PORT every INTERVAL_US microseconds, carrying a
 * sequence number and its send time, and appends every datagram it receives to FILE as
 * {@code seq sentNanos receivedNanos}. Times are {@link System#nanoTime()}, which on Linux is
 * CLOCK_MONOTONIC: one clock for every process on the host, so the test can line them up with
 * the moment it cut a link. Fixed addresses and ports make each direction one flow, which a
 * layer3+4 hash keeps on one member. Runs until SIGTERM.
 */
public final class UdpProbe {

    static final String READY = "UDP-PROBE-READY";
    private static final int PAYLOAD = 64;

    private UdpProbe() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: UdpProbe LOCAL PEER PORT INTERVAL_US FILE");
            System.exit(2);
        }
        InetAddress local = InetAddress.getByName(args[0]);
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName(args[1]), Integer.parseInt(args[2]));
        long intervalNanos = Long.parseLong(args[3]) * 1_000;
        BufferedWriter log = Files.newBufferedWriter(Path.of(args[4]));
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)
                .bind(new InetSocketAddress(local, peer.getPort()));
        Thread receiver = new Thread(() -> receive(channel, log), "udp-probe-receive");
        receiver.setDaemon(true);
        receiver.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> flush(log), "udp-probe-flush"));
        System.out.println(READY + " " + local.getHostAddress() + ":" + peer.getPort() + " -> " + peer);
        System.out.flush();
        send(channel, peer, intervalNanos);
    }

    private static void send(DatagramChannel channel, InetSocketAddress peer, long intervalNanos) throws IOException {
        ByteBuffer datagram = ByteBuffer.allocate(PAYLOAD);
        long next = System.nanoTime();
        for (long seq = 0; ; seq++) {
            long now = System.nanoTime();
            datagram.clear();
            datagram.putLong(seq).putLong(now).position(PAYLOAD).flip();
            try {
                channel.send(datagram, peer);
            } catch (IOException e) {
                // e.g. ENETUNREACH while an address is being set up: that datagram is lost, as on a wire
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (-wait > 50 * intervalNanos) {
                next = System.nanoTime(); // descheduled for long: no burst to catch up
            }
        }
    }

    private static void receive(DatagramChannel channel, BufferedWriter log) {
        ByteBuffer datagram = ByteBuffer.allocate(2048);
        try {
            while (true) {
                datagram.clear();
                channel.receive(datagram);
                long received = System.nanoTime();
                datagram.flip();
                if (datagram.remaining() < 16) {
                    continue;
                }
                long seq = datagram.getLong();
                long sent = datagram.getLong();
                synchronized (log) {
                    log.write(seq + " " + sent + " " + received + "\n");
                    log.flush();
                }
            }
        } catch (ClosedChannelException e) {
            // the JVM is going away
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flush(BufferedWriter log) {
        synchronized (log) {
            try {
                log.flush();
            } catch (IOException ignored) {
                // nothing left to save it to
            }
        }
    }
}
