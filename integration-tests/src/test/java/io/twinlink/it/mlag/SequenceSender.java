package io.twinlink.it.mlag;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The sending end of a {@link SequenceStream}, run as its own process inside a namespace:
 * {@code SequenceSender BIND FIRST_SOURCE_PORT FLOWS TARGET PORT RATE_PPS [broadcast]}.
 * Datagram {@code n} leaves from source port {@code FIRST_SOURCE_PORT + n % FLOWS}, so one
 * stream can be a single flow (one LAG member) or many (hashed over all of them); it carries
 * {@link #PAYLOAD} = sequence number and send time (CLOCK_MONOTONIC, comparable between
 * processes of one machine). Sends are paced to absolute deadlines, so a late wake-up does not
 * shift later ones; it runs until killed.
 */
public final class SequenceSender {

    /** Printed once every socket is bound. */
    public static final String READY = "SEQUENCE-SENDER-READY";
    /** Sequence number (8 octets), send time in nanoseconds (8), flow index (4). */
    public static final int PAYLOAD = 20;

    private SequenceSender() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 6) {
            System.err.println("usage: SequenceSender BIND FIRST_SOURCE_PORT FLOWS TARGET PORT RATE_PPS [broadcast]");
            System.exit(2);
        }
        InetAddress bind = InetAddress.getByName(args[0]);
        int firstPort = Integer.parseInt(args[1]);
        int flows = Integer.parseInt(args[2]);
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(args[3]), Integer.parseInt(args[4]));
        long periodNanos = 1_000_000_000L / Integer.parseInt(args[5]);
        boolean broadcast = args.length > 6 && args[6].equals("broadcast");
        List<DatagramChannel> sockets = new ArrayList<>();
        for (int f = 0; f < flows; f++) {
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_BROADCAST, broadcast);
            channel.bind(new InetSocketAddress(bind, firstPort + f));
            sockets.add(channel);
        }
        System.out.println(READY);
        System.out.flush();
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD);
        long next = System.nanoTime();
        for (long seq = 0; ; seq++) {
            int flow = (int) (seq % flows);
            payload.clear();
            payload.putLong(seq).putLong(System.nanoTime()).putInt(flow).flip();
            try {
                sockets.get(flow).send(payload, target);
            } catch (IOException e) {
                // No route or no neighbour for a moment: a lost datagram, which is what is measured.
            }
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}
