package io.twinlink.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The tshark oracle must tell a clean capture from one with a malformed frame. */
class TsharkIT {

    private static final int PCAP_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    @Test
    void realLacpCaptureDissectsClean() throws IOException {
        Path pcap = resourceCopy("tcpdump__LACP.pcap");
        Tshark.Dissection dissection = Tshark.dissect(pcap);
        assertThat(dissection.frames()).isEqualTo(20);
        assertThat(dissection.clean()).as("problems: %s", dissection.problems()).isTrue();
        assertThat(Tshark.fields(pcap, "lacp", "lacp.actor.sysid")).hasSize(20);
    }

    @Test
    void truncatedLacpduIsReportedMalformedOnItsFrame() throws IOException {
        byte[] file = Files.readAllBytes(resourceCopy("tcpdump__LACP.pcap"));
        byte[] frame = firstFrame(file);
        Path pcap = TestRun.current().workDir("tshark").resolve("truncated-lacpdu.pcap");
        // frame 1 intact, frame 2 cut inside the Actor information TLV
        Files.write(pcap, pcap(Arrays.copyOf(file, PCAP_HEADER), frame, Arrays.copyOf(frame, 30)));

        Tshark.Dissection dissection = Tshark.dissect(pcap);
        assertThat(dissection.frames()).isEqualTo(2);
        assertThat(dissection.malformed()).singleElement().satisfies(item -> {
            assertThat(item.frame()).isEqualTo(2);
            assertThat(item.severity()).isEqualTo("error");
            assertThat(item.protocols()).endsWith("lacp");
        });
        assertThat(dissection.clean()).isFalse();
    }

    private static byte[] firstFrame(byte[] pcapFile) {
        int capturedLength = ByteBuffer.wrap(pcapFile).order(ByteOrder.LITTLE_ENDIAN).getInt(PCAP_HEADER + 8);
        return Arrays.copyOfRange(pcapFile, PCAP_HEADER + RECORD_HEADER, PCAP_HEADER + RECORD_HEADER + capturedLength);
    }

    private static byte[] pcap(byte[] header, byte[]... frames) {
        int size = header.length + Arrays.stream(frames).mapToInt(f -> RECORD_HEADER + f.length).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN).put(header);
        for (byte[] frame : frames) {
            out.putInt(0).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
        }
        return out.array();
    }

    private static Path resourceCopy(String name) throws IOException {
        Path target = TestRun.current().workDir("tshark").resolve(name);
        try (InputStream in = TsharkIT.class.getResourceAsStream("/captures/" + name)) {
            assertThat(in).as("test resource captures/%s", name).isNotNull();
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
