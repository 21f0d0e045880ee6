package io.twinlink.it.mlag;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The receiving end of a {@link SequenceStream}, run as its own process inside a namespace:
 * {@code SequenceReceiver BIND PORT FILE}. Every datagram becomes one line
 * {@code sequence sentNanos receivedNanos flow} in FILE, flushed at least every
 * {@value #FLUSH_MILLIS} ms so the test can follow it while it runs. Bind to 0.0.0.0 to
 * receive broadcasts too.
 */
public final class SequenceReceiver {

    public static final String READY = "SEQUENCE-RECEIVER-READY";
    private static final int FLUSH_MILLIS = 20;

    private SequenceReceiver() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SequenceReceiver BIND PORT FILE");
            System.exit(2);
        }
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        try (DatagramSocket socket = new DatagramSocket(null);
             BufferedWriter out = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.US_ASCII)) {
            // Room for a few hundred ms of a stalled receiver (a busy machine): a drop here would
            // be counted as a network loss.
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(FLUSH_MILLIS);
            socket.bind(bind);
            System.out.println(READY);
            System.out.flush();
            byte[] raw = new byte[256];
            DatagramPacket packet = new DatagramPacket(raw, raw.length);
            ByteBuffer payload = ByteBuffer.wrap(raw);
            long lastFlush = System.nanoTime();
            while (true) {
                try {
                    packet.setLength(raw.length);
                    socket.receive(packet);
                    long received = System.nanoTime();
                    if (packet.getLength() >= SequenceSender.PAYLOAD) {
                        out.write(payload.getLong(0) + " " + payload.getLong(8) + " " + received + " "
                                + payload.getInt(16) + "\n");
                    }
                } catch (SocketTimeoutException idle) {
                    // nothing arrived: flush below
                }
                if (System.nanoTime() - lastFlush > FLUSH_MILLIS * 1_000_000L) {
                    out.flush();
                    lastFlush = System.nanoTime();
                }
            }
        }
    }
}
