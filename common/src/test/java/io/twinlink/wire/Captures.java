package io.twinlink.wire;

import io.twinlink.wire.pcap.CaptureReader;
import io.twinlink.wire.pcap.CapturedPacket;
import io.twinlink.wire.pcap.MalformedCaptureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The golden captures under src/test/resources/captures (see the README there). */
public final class Captures {

    private Captures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("/captures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test capture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    public static List<CapturedPacket> packets(String name) {
        try {
            return CaptureReader.readAll(bytes(name));
        } catch (MalformedCaptureException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }

    /** The captured octets of one packet (1-based number). */
    public static byte[] frame(String name, int number) {
        CapturedPacket p = packets(name).get(number - 1);
        byte[] out = new byte[p.capturedLength()];
        p.data().duplicate().get(out);
        return out;
    }
}
