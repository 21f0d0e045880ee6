package io.twinlink.agent.peerlink;

import static io.twinlink.agent.peerlink.PeerLinkPipelineTest.drain;
import static io.twinlink.agent.peerlink.PeerLinkPipelineTest.shuttle;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.twinlink.mlag.BundleProfile;
import io.twinlink.mlag.BundleState;
import io.twinlink.mlag.Heartbeat;
import io.twinlink.mlag.Hello;
import io.twinlink.mlag.Keepalive;
import io.twinlink.mlag.MacEntry;
import io.twinlink.mlag.MacSync;
import io.twinlink.mlag.NodeId;
import io.twinlink.mlag.PeerMessage;
import io.twinlink.mlag.PeerMessageCodec;
import io.twinlink.mlag.PortNumbering;
import io.twinlink.mlag.Role;
import io.twinlink.mlag.SpanningTreeMode;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MalformedPduException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Mutated peer-link traffic: message payloads through {@link PeerMessageCodec}, sealed frames
 * tampered with on the wire, authentic frames carrying mutated messages, and raw byte streams
 * before the handshake, all through the real pipeline on {@link EmbeddedChannel}s. Nothing but
 * a refusal may come out: no exception escapes ({@code checkException}), no altered message is
 * ever delivered, and every refusal is counted. Volumes follow {@code -Dtwinlink.soak=true}
 * (ten times more) or {@code -Dtwinlink.fuzz.frames=N}.
 */
class PeerLinkFuzzTest {

    private static final int FRAMES = Integer.getInteger("twinlink.fuzz.frames",
            Boolean.getBoolean("twinlink.soak") ? 1_000_000 : 100_000);
    private static final long SEED = Long.getLong("twinlink.fuzz.seed", 0x7417_2024L);
    private static final SharedSecret SECRET = SharedSecret.of("correct horse battery staple\n");
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(3);

    private static final List<PeerMessage> CORPUS = List.of(
            new Hello(1, 7, 32768, MacAddress.parse("02:00:00:00:00:aa"), new NodeId(100, MacAddress.parse("02:00:00:00:01:01")),
                    PortNumbering.LOWER_HALF, SpanningTreeMode.RSTP,
                    List.of(new BundleProfile(10, 10, 2, true), new BundleProfile(11, 11, 1, false))),
            new Heartbeat(41, Role.PRIMARY, 123_456),
            new BundleState(10, true, false),
            new MacSync(List.of(new MacEntry(MacAddress.parse("02:00:00:00:99:01"), 100, 10)),
                    List.of(new MacEntry(MacAddress.parse("02:00:00:00:99:02"), 200, 11))),
            new Keepalive(7, new NodeId(100, MacAddress.parse("02:00:00:00:01:01")), Role.SECONDARY));

    private final Random random = new Random(SEED);

    @Test
    void theCodecTakesAnyPayload() {
        long decoded = 0;
        for (int i = 0; i < FRAMES; i++) {
            byte[] payload = mutate(PeerMessageCodec.encode(CORPUS.get(random.nextInt(CORPUS.size()))));
            PeerMessage m;
            try {
                m = PeerMessageCodec.decode(ByteBuffer.wrap(payload));
            } catch (MalformedPduException refused) {
                continue;
            }
            decoded++;
            // what decodes is a message like any other: it encodes and decodes to itself
            assertThat(decode(PeerMessageCodec.encode(m))).isEqualTo(m);
        }
        System.out.printf("fuzz peer-link codec: %d payloads, %d decoded, %d refused%n", FRAMES, decoded, FRAMES - decoded);
    }

    @Test
    void tamperedFramesAreRefusedNeverDelivered() {
        int rounds = Math.max(1, FRAMES / 50); // a fresh session (handshake) each
        long refused = 0;
        long intact = 0;
        for (int i = 0; i < rounds; i++) {
            Session s = new Session();
            PeerMessage sent = CORPUS.get(random.nextInt(CORPUS.size()));
            s.client.writeAndFlush(sent);
            byte[] wire = drain(s.client);
            byte[] tampered = mutate(wire);
            s.server.writeInbound(Unpooled.wrappedBuffer(tampered));
            s.server.checkException();
            if (Arrays.equals(tampered, wire)) {
                assertThat(s.serverEvents.messages).containsExactly(sent);
                intact++;
            } else {
                // a MAC over sequence and payload: nothing altered gets through
                assertThat(s.serverEvents.messages).allMatch(sent::equals);
                if (!s.server.isOpen()) {
                    refused++;
                    assertThat(s.counters.authFailures() + s.counters.malformed() + s.counters.replays()).isEqualTo(1);
                }
            }
            s.close();
        }
        System.out.printf("fuzz peer-link frames: %d tampered frames on fresh sessions, %d refused and closed,"
                + " %d unchanged by the mutation, the rest incomplete (waiting for more octets)%n", rounds, refused, intact);
        assertThat(refused).isPositive();
    }

    @Test
    void authenticFramesWithMutatedMessagesAreDeliveredOrRefused() {
        int frames = Math.max(1, FRAMES / 50); // most refusals cost a new session and its handshake
        Session s = new Session();
        long delivered = 0;
        long refused = 0;
        for (int i = 0; i < frames; i++) {
            byte[] payload = mutate(PeerMessageCodec.encode(CORPUS.get(random.nextInt(CORPUS.size()))));
            PeerMessage expected = decodeOrNull(payload);
            int before = s.serverEvents.messages.size();
            s.client.writeAndFlush(Unpooled.wrappedBuffer(payload)); // sealed by the real authenticator
            shuttle(s.client, s.server);
            s.server.checkException();
            if (expected != null) {
                assertThat(s.serverEvents.messages).hasSize(before + 1);
                assertThat(s.serverEvents.messages.get(before)).isEqualTo(expected);
                delivered++;
            } else {
                assertThat(s.server.isOpen()).isFalse();
                assertThat(s.counters.malformed()).isEqualTo(1);
                refused++;
                s.close();
                s = new Session();
            }
        }
        s.close();
        System.out.printf("fuzz peer-link messages: %d authentic frames with mutated messages, %d delivered as decoded,"
                + " %d refused (connection closed, counted malformed)%n", frames, delivered, refused);
    }

    @Test
    void rawBytesBeforeTheHandshakeNeverGetIn() {
        int streams = Math.max(1, FRAMES / 50);
        long closed = 0;
        for (int i = 0; i < streams; i++) {
            PeerLinkPipelineTest.Recorder events = new PeerLinkPipelineTest.Recorder();
            PeerLinkCounters counters = new PeerLinkCounters();
            EmbeddedChannel server = new EmbeddedChannel();
            PeerLinkPipeline.configure(server, HandshakeHandler.Side.SERVER, SECRET, counters, TIMEOUT, null, null, events);
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            if (junk.length >= 4 && random.nextBoolean()) {
                junk[0] = 0; // a plausible length prefix now and then
                junk[1] = 0;
            }
            server.writeInbound(Unpooled.wrappedBuffer(junk));
            server.checkException();
            assertThat(events.authenticated).isZero();
            if (!server.isOpen()) {
                closed++;
                assertThat(counters.authFailures() + counters.malformed()).isEqualTo(1);
            }
            server.finishAndReleaseAll();
        }
        System.out.printf("fuzz peer-link handshake: %d raw byte streams, none authenticated, %d refused at once,"
                + " the rest left to the handshake deadline%n", streams, closed);
    }

    /** An authenticated client and server joined back to back. */
    private static final class Session {
        final PeerLinkPipelineTest.Recorder clientEvents = new PeerLinkPipelineTest.Recorder();
        final PeerLinkPipelineTest.Recorder serverEvents = new PeerLinkPipelineTest.Recorder();
        final PeerLinkCounters counters = new PeerLinkCounters();
        final EmbeddedChannel client = new EmbeddedChannel();
        final EmbeddedChannel server = new EmbeddedChannel();

        Session() {
            PeerLinkPipeline.configure(client, HandshakeHandler.Side.CLIENT, SECRET, new PeerLinkCounters(), TIMEOUT, null,
                    null, clientEvents);
            PeerLinkPipeline.configure(server, HandshakeHandler.Side.SERVER, SECRET, counters, TIMEOUT, null, null,
                    serverEvents);
            shuttle(client, server);
            assertThat(serverEvents.authenticated).isEqualTo(1);
        }

        void close() {
            client.checkException();
            server.checkException();
            client.finishAndReleaseAll();
            server.finishAndReleaseAll();
        }
    }

    /** Bit flips, octets set, truncation, junk appended, or the header's length field lying. */
    private byte[] mutate(byte[] original) {
        byte[] b = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1));
            case 3 -> {
                byte[] tail = new byte[1 + random.nextInt(40)];
                random.nextBytes(tail);
                byte[] longer = Arrays.copyOf(b, b.length + tail.length);
                System.arraycopy(tail, 0, longer, b.length, tail.length);
                b = longer;
            }
            default -> {
                if (b.length >= 4) { // a message's body length, or a frame's length prefix
                    int at = random.nextBoolean() ? 2 : 0;
                    b[at] = (byte) random.nextInt(256);
                    b[at + 1] = (byte) random.nextInt(256);
                }
            }
        }
        return b;
    }

    private static PeerMessage decode(byte[] payload) {
        try {
            return PeerMessageCodec.decode(ByteBuffer.wrap(payload));
        } catch (MalformedPduException e) {
            throw new AssertionError("a message re-encoded from a decoded one does not decode: " + e.getMessage(), e);
        }
    }

    private static PeerMessage decodeOrNull(byte[] payload) {
        try {
            return PeerMessageCodec.decode(ByteBuffer.wrap(payload));
        } catch (MalformedPduException e) {
            return null;
        }
    }
}
