package io.twinlink.agent.peerlink;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.twinlink.mlag.Heartbeat;
import io.twinlink.mlag.PeerMessage;
import io.twinlink.mlag.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The peer-link pipeline on {@link EmbeddedChannel}s, without sockets: a client and a server
 * end whose outbound bytes are carried to each other by the test. Every test ends with
 * {@code checkException()}: no exception may escape the pipeline.
 */
class PeerLinkPipelineTest {

    private static final SharedSecret SECRET = SharedSecret.of("correct horse battery staple\n");
    private static final SharedSecret OTHER = SharedSecret.of("another secret of 32 characters!");
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(3);
    private static final Heartbeat HEARTBEAT = new Heartbeat(7, Role.PRIMARY, 1234);

    private final List<EmbeddedChannel> channels = new ArrayList<>();

    /** What one end's pipeline reported. */
    static final class Recorder implements ConnectionEvents {
        int authenticated;
        final List<PeerMessage> messages = new ArrayList<>();
        final List<String> closed = new ArrayList<>();

        @Override
        public void authenticated(Channel channel) {
            authenticated++;
        }

        @Override
        public void message(Channel channel, PeerMessage message) {
            messages.add(message);
        }

        @Override
        public void closed(Channel channel, String reason) {
            closed.add(reason);
        }
    }

    private final Recorder clientEvents = new Recorder();
    private final Recorder serverEvents = new Recorder();
    private final PeerLinkCounters clientCounters = new PeerLinkCounters();
    private final PeerLinkCounters serverCounters = new PeerLinkCounters();

    private EmbeddedChannel end(HandshakeHandler.Side side, SharedSecret secret, PeerLinkCounters counters,
                                Recorder events) {
        EmbeddedChannel ch = new EmbeddedChannel();
        PeerLinkPipeline.configure(ch, side, secret, counters, TIMEOUT, null, null, events);
        channels.add(ch);
        return ch;
    }

    private EmbeddedChannel client(SharedSecret secret) {
        return end(HandshakeHandler.Side.CLIENT, secret, clientCounters, clientEvents);
    }

    private EmbeddedChannel server(SharedSecret secret) {
        return end(HandshakeHandler.Side.SERVER, secret, serverCounters, serverEvents);
    }

    /** Carries bytes both ways until neither side has anything more to say. */
    static void shuttle(EmbeddedChannel a, EmbeddedChannel b) {
        boolean moved = true;
        while (moved) {
            moved = carry(a, b) | carry(b, a);
        }
    }

    private static boolean carry(EmbeddedChannel from, EmbeddedChannel to) {
        byte[] bytes = drain(from);
        if (bytes.length == 0) {
            return false;
        }
        if (to.isOpen()) {
            to.writeInbound(Unpooled.wrappedBuffer(bytes));
        }
        return true;
    }

    /** Everything the channel wrote, as the bytes a socket would carry. */
    static byte[] drain(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object o;
        while ((o = ch.readOutbound()) != null) {
            ByteBuf buf = (ByteBuf) o;
            byte[] b = new byte[buf.readableBytes()];
            buf.readBytes(b);
            buf.release();
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    @AfterEach
    void noExceptionEscaped() {
        for (EmbeddedChannel ch : channels) {
            ch.checkException();
            ch.finishAndReleaseAll();
        }
    }

    private EmbeddedChannel[] authenticatedPair() {
        EmbeddedChannel c = client(SECRET);
        EmbeddedChannel s = server(SECRET);
        shuttle(c, s);
        assertThat(clientEvents.authenticated).isEqualTo(1);
        assertThat(serverEvents.authenticated).isEqualTo(1);
        return new EmbeddedChannel[] {c, s};
    }

    @Test
    @DisplayName("good secret: both ends authenticate, the handshake handler leaves, messages flow both ways")
    void goodSecret() {
        EmbeddedChannel[] ends = authenticatedPair();

        for (EmbeddedChannel ch : ends) {
            assertThat(ch.pipeline().get(HandshakeHandler.class)).isNull();
            assertThat(ch.pipeline().get(PeerLinkPipeline.AUTH)).isInstanceOf(FrameAuthenticator.class);
        }
        ends[0].writeAndFlush(HEARTBEAT);
        ends[1].writeAndFlush(new Heartbeat(8, Role.SECONDARY, 99));
        ends[0].writeAndFlush(new Heartbeat(9, Role.PRIMARY, 1300));
        shuttle(ends[0], ends[1]);

        assertThat(serverEvents.messages).containsExactly(HEARTBEAT, new Heartbeat(9, Role.PRIMARY, 1300));
        assertThat(clientEvents.messages).containsExactly(new Heartbeat(8, Role.SECONDARY, 99));
        assertThat(ends[0].isOpen()).isTrue();
        assertThat(ends[1].isOpen()).isTrue();
        assertThat(clientCounters.toString()).isEqualTo("authFailures=0 replays=0 malformed=0 reconnects=0 refusedConnections=0");
    }

    @Test
    @DisplayName("wrong secret: the client refuses the server's proof, closes, counts an authentication failure")
    void wrongSecret() {
        EmbeddedChannel c = client(OTHER);
        EmbeddedChannel s = server(SECRET);
        shuttle(c, s);

        assertThat(c.isOpen()).isFalse();
        assertThat(clientCounters.authFailures()).isEqualTo(1);
        assertThat(clientEvents.closed).containsExactly("server proof does not verify (wrong secret?)");
        assertThat(clientEvents.authenticated).isZero();
        assertThat(serverEvents.authenticated).isZero();
    }

    @Test
    @DisplayName("forged client proof: the server closes and counts an authentication failure")
    void forgedClientProof() {
        EmbeddedChannel s = server(SECRET);
        ByteBuf challenge = Unpooled.buffer().writeInt(HandshakeHandler.CHALLENGE_LENGTH)
                .writeByte(HandshakeHandler.TYPE_CHALLENGE).writeByte(HandshakeHandler.VERSION)
                .writeBytes(new byte[HandshakeHandler.NONCE_LENGTH]);
        s.writeInbound(challenge);
        assertThat(drain(s).length).isEqualTo(4 + HandshakeHandler.RESPONSE_LENGTH);

        s.writeInbound(Unpooled.buffer().writeInt(HandshakeHandler.PROOF_LENGTH).writeByte(HandshakeHandler.TYPE_PROOF)
                .writeBytes(new byte[HmacSha256.LENGTH]));

        assertThat(s.isOpen()).isFalse();
        assertThat(serverCounters.authFailures()).isEqualTo(1);
        assertThat(serverEvents.closed).containsExactly("client proof does not verify (wrong secret?)");
        assertThat(serverEvents.authenticated).isZero();
    }

    @Test
    @DisplayName("handshake not finished within the timeout: closed, counted")
    void handshakeTimeout() {
        EmbeddedChannel s = server(SECRET);
        s.advanceTimeBy(TIMEOUT + 1, TimeUnit.NANOSECONDS);
        s.runScheduledPendingTasks();

        assertThat(s.isOpen()).isFalse();
        assertThat(serverCounters.authFailures()).isEqualTo(1);
        assertThat(serverEvents.closed.get(0)).startsWith("handshake not completed within 3000 ms");
    }

    @Test
    @DisplayName("nothing but the handshake leaves before authentication")
    void noWritesBeforeAuthentication() {
        EmbeddedChannel c = client(SECRET);
        byte[] challenge = drain(c);
        ChannelFuture f = c.writeAndFlush(HEARTBEAT);

        assertThat(f.isSuccess()).isFalse();
        assertThat(f.cause()).hasMessage("peer-link not authenticated yet");
        assertThat(challenge.length).isEqualTo(4 + HandshakeHandler.CHALLENGE_LENGTH);
        assertThat(drain(c)).isEmpty();
    }

    @Test
    @DisplayName("replayed frame: delivered once, the copy dropped, counted, the connection closed")
    void replayedFrame() {
        EmbeddedChannel[] ends = authenticatedPair();
        ends[0].writeAndFlush(HEARTBEAT);
        byte[] frame = drain(ends[0]);

        ends[1].writeInbound(Unpooled.wrappedBuffer(frame));
        ends[1].writeInbound(Unpooled.wrappedBuffer(frame));

        assertThat(serverEvents.messages).containsExactly(HEARTBEAT);
        assertThat(serverCounters.replays()).isEqualTo(1);
        assertThat(ends[1].isOpen()).isFalse();
        assertThat(serverEvents.closed.get(0)).startsWith("frame sequence 1 where 2 was due");
    }

    @Test
    @DisplayName("reordered frames: the later one first is refused (frames missing before it)")
    void reorderedFrames() {
        EmbeddedChannel[] ends = authenticatedPair();
        ends[0].writeAndFlush(HEARTBEAT);
        drain(ends[0]); // the first frame is held back (or lost) ...
        ends[0].writeAndFlush(new Heartbeat(8, Role.PRIMARY, 1300));
        byte[] second = drain(ends[0]);

        ends[1].writeInbound(Unpooled.wrappedBuffer(second)); // ... and the second arrives first

        assertThat(serverEvents.messages).isEmpty();
        assertThat(serverCounters.replays()).isEqualTo(1);
        assertThat(ends[1].isOpen()).isFalse();
    }

    @Test
    @DisplayName("tampered frame: the MAC does not verify, nothing delivered, counted, closed")
    void tamperedFrame() {
        EmbeddedChannel[] ends = authenticatedPair();
        ends[0].writeAndFlush(HEARTBEAT);
        byte[] frame = drain(ends[0]);
        frame[4 + FrameAuthenticator.SEQ_LENGTH + 5] ^= 0x01; // one bit of the heartbeat's seq

        ends[1].writeInbound(Unpooled.wrappedBuffer(frame));

        assertThat(serverEvents.messages).isEmpty();
        assertThat(serverCounters.authFailures()).isEqualTo(1);
        assertThat(ends[1].isOpen()).isFalse();
        assertThat(serverEvents.closed).containsExactly("frame MAC does not verify");
    }

    @Test
    @DisplayName("a frame sealed for one direction does not verify when reflected back to its sender")
    void reflectedFrame() {
        EmbeddedChannel[] ends = authenticatedPair();
        ends[0].writeAndFlush(HEARTBEAT);
        byte[] frame = drain(ends[0]);

        ends[0].writeInbound(Unpooled.wrappedBuffer(frame));

        assertThat(clientEvents.messages).isEmpty();
        assertThat(clientCounters.authFailures()).isEqualTo(1);
        assertThat(ends[0].isOpen()).isFalse();
    }

    @Test
    @DisplayName("malformed length before authentication (a raw junk client): closed, counted malformed, no exception")
    void junkBeforeHandshake() {
        EmbeddedChannel s = server(SECRET);
        s.writeInbound(Unpooled.wrappedBuffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes()));

        assertThat(s.isOpen()).isFalse();
        assertThat(serverCounters.malformed()).isEqualTo(1);
        assertThat(serverEvents.closed.get(0)).startsWith("bad frame length");
        assertThat(serverEvents.authenticated).isZero();
    }

    @Test
    @DisplayName("malformed length after authentication: closed, counted, no exception")
    void malformedLengthAfterHandshake() {
        EmbeddedChannel[] ends = authenticatedPair();
        ends[1].writeInbound(Unpooled.buffer().writeInt(0x7FFF_FFFF).writeLong(1));

        assertThat(ends[1].isOpen()).isFalse();
        assertThat(serverCounters.malformed()).isEqualTo(1);
    }

    @Test
    @DisplayName("frame too short for a sequence number and a MAC: closed, counted malformed")
    void shortFrame() {
        EmbeddedChannel[] ends = authenticatedPair();
        ends[1].writeInbound(Unpooled.buffer().writeInt(3).writeBytes(new byte[3]));

        assertThat(ends[1].isOpen()).isFalse();
        assertThat(serverCounters.malformed()).isEqualTo(1);
        assertThat(serverEvents.closed.get(0)).contains("cannot hold a sequence number and a MAC");
    }

    @Test
    @DisplayName("authentic frame whose message does not decode: closed, counted malformed")
    void undecodableMessage() {
        EmbeddedChannel[] ends = authenticatedPair();
        ends[0].writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 9, 0, 0})); // message type 9
        shuttle(ends[0], ends[1]);

        assertThat(ends[1].isOpen()).isFalse();
        assertThat(serverCounters.malformed()).isEqualTo(1);
        assertThat(serverEvents.closed.get(0)).contains("unknown peer-link message type 9");
    }

    @Test
    @DisplayName("a handshake message of the wrong type or size fails the handshake")
    void badHandshakeMessage() {
        EmbeddedChannel s = server(SECRET);
        s.writeInbound(Unpooled.buffer().writeInt(1).writeByte(HandshakeHandler.TYPE_ACCEPT));

        assertThat(s.isOpen()).isFalse();
        assertThat(serverCounters.authFailures()).isEqualTo(1);
        assertThat(serverEvents.closed.get(0)).startsWith("expected a handshake challenge");
    }

    @Test
    @DisplayName("a connection reset (the peer died) closes with that reason, counted nowhere and not logged as a refusal")
    void connectionResetIsAFailureNotARefusal() {
        EmbeddedChannel[] ends = authenticatedPair();
        Logger violations = (Logger) LoggerFactory.getLogger(Violation.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        violations.addAppender(logged);
        try {
            ends[1].pipeline().fireExceptionCaught(new IOException("Connection reset"));
        } finally {
            violations.detachAppender(logged);
        }

        assertThat(ends[1].isOpen()).isFalse();
        assertThat(serverEvents.closed).containsExactly("Connection reset");
        assertThat(serverCounters.toString()).isEqualTo("authFailures=0 replays=0 malformed=0 reconnects=0 refusedConnections=0");
        assertThat(logged.list).as("a peer that died refused nothing").noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
    }
}
