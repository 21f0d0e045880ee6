package io.twinlink.agent.peerlink;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * Mutual challenge-response over the first frames of a peer-link connection (DESIGN.md
 * "MC-LAG pair"): each side proves it holds the shared secret by a HMAC-SHA256 over both
 * nonces, so neither a stranger nor a replay of an old handshake gets in. Then it puts a
 * {@link FrameAuthenticator} with fresh {@link SessionKeys} in its place, removes itself, and
 * tells the rest of the pipeline ({@link Authenticated}).
 *
 * <pre>
 *  client -> server  CHALLENGE  0 type=1  1 version=1  2..33 client nonce
 *  server -> client  RESPONSE   0 type=2  1 version=1  2..33 server nonce
 *                               34..65 HMAC(secret, "twinlink server proof" | client nonce | server nonce)
 *  client -> server  PROOF      0 type=3  1..32 HMAC(secret, "twinlink client proof" | client nonce | server nonce)
 *  server -> client  ACCEPT     0 type=4
 * </pre>
 *
 * The two proofs carry different labels, so one side's proof cannot be echoed back as the
 * other's. Anything else, or nothing within the timeout, fails the handshake: counted in
 * {@link PeerLinkCounters#authFailures()} and the connection closed. Until it succeeds, no
 * message can be written on the connection.
 */
final class HandshakeHandler extends ChannelDuplexHandler {

    static final int VERSION = 1;
    static final int NONCE_LENGTH = 32;
    static final int TYPE_CHALLENGE = 1;
    static final int TYPE_RESPONSE = 2;
    static final int TYPE_PROOF = 3;
    static final int TYPE_ACCEPT = 4;
    static final int CHALLENGE_LENGTH = 2 + NONCE_LENGTH;
    static final int RESPONSE_LENGTH = 2 + NONCE_LENGTH + HmacSha256.LENGTH;
    static final int PROOF_LENGTH = 1 + HmacSha256.LENGTH;
    static final int ACCEPT_LENGTH = 1;

    private static final byte[] SERVER_LABEL = "twinlink server proof".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_LABEL = "twinlink client proof".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Fired down the pipeline once the handshake succeeded. */
    enum Authenticated { INSTANCE }

    enum Side { CLIENT, SERVER }

    private enum Step { NOT_STARTED, AWAIT_CHALLENGE, AWAIT_RESPONSE, AWAIT_PROOF, AWAIT_ACCEPT, DONE, FAILED }

    private final Side side;
    private final SharedSecret secret;
    private final PeerLinkCounters counters;
    private final long timeoutNanos;
    private Step step = Step.NOT_STARTED;
    private byte[] clientNonce;
    private byte[] serverNonce;
    private ScheduledFuture<?> timeout;

    HandshakeHandler(Side side, SharedSecret secret, PeerLinkCounters counters, long timeoutNanos) {
        this.side = side;
        this.secret = secret;
        this.counters = counters;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            begin(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        begin(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        ctx.fireChannelInactive();
    }

    private void begin(ChannelHandlerContext ctx) {
        if (step != Step.NOT_STARTED) {
            return;
        }
        timeout = ctx.executor().schedule(() -> fail(ctx, "handshake not completed within "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"), timeoutNanos, TimeUnit.NANOSECONDS);
        if (side == Side.CLIENT) {
            clientNonce = nonce();
            ByteBuf out = ctx.alloc().buffer(CHALLENGE_LENGTH);
            out.writeByte(TYPE_CHALLENGE).writeByte(VERSION).writeBytes(clientNonce);
            ctx.writeAndFlush(out);
            step = Step.AWAIT_RESPONSE;
        } else {
            step = Step.AWAIT_CHALLENGE;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof ByteBuf frame)) {
                fail(ctx, "unexpected " + msg.getClass().getSimpleName() + " during handshake");
                return;
            }
            switch (step) {
                case AWAIT_CHALLENGE -> onChallenge(ctx, frame);
                case AWAIT_RESPONSE -> onResponse(ctx, frame);
                case AWAIT_PROOF -> onProof(ctx, frame);
                case AWAIT_ACCEPT -> onAccept(ctx, frame);
                default -> {
                    // FAILED (closing) or NOT_STARTED: drop whatever else arrives.
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Nothing but the handshake may leave before it succeeds. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ReferenceCountUtil.release(msg);
        promise.setFailure(new IllegalStateException("peer-link not authenticated yet"));
    }

    private void onChallenge(ChannelHandlerContext ctx, ByteBuf in) {
        if (!expect(ctx, in, TYPE_CHALLENGE, CHALLENGE_LENGTH, "challenge") || !version(ctx, in)) {
            return;
        }
        clientNonce = bytes(in, 2, NONCE_LENGTH);
        serverNonce = nonce();
        ByteBuf out = ctx.alloc().buffer(RESPONSE_LENGTH);
        out.writeByte(TYPE_RESPONSE).writeByte(VERSION).writeBytes(serverNonce)
                .writeBytes(proof(SERVER_LABEL));
        ctx.writeAndFlush(out);
        step = Step.AWAIT_PROOF;
    }

    private void onResponse(ChannelHandlerContext ctx, ByteBuf in) {
        if (!expect(ctx, in, TYPE_RESPONSE, RESPONSE_LENGTH, "response") || !version(ctx, in)) {
            return;
        }
        serverNonce = bytes(in, 2, NONCE_LENGTH);
        if (!HmacSha256.same(proof(SERVER_LABEL), bytes(in, 2 + NONCE_LENGTH, HmacSha256.LENGTH))) {
            fail(ctx, "server proof does not verify (wrong secret?)");
            return;
        }
        ByteBuf out = ctx.alloc().buffer(PROOF_LENGTH);
        out.writeByte(TYPE_PROOF).writeBytes(proof(CLIENT_LABEL));
        ctx.writeAndFlush(out);
        step = Step.AWAIT_ACCEPT;
    }

    private void onProof(ChannelHandlerContext ctx, ByteBuf in) {
        if (!expect(ctx, in, TYPE_PROOF, PROOF_LENGTH, "proof")) {
            return;
        }
        if (!HmacSha256.same(proof(CLIENT_LABEL), bytes(in, 1, HmacSha256.LENGTH))) {
            fail(ctx, "client proof does not verify (wrong secret?)");
            return;
        }
        ctx.writeAndFlush(ctx.alloc().buffer(ACCEPT_LENGTH).writeByte(TYPE_ACCEPT));
        succeed(ctx);
    }

    private void onAccept(ChannelHandlerContext ctx, ByteBuf in) {
        if (expect(ctx, in, TYPE_ACCEPT, ACCEPT_LENGTH, "accept")) {
            succeed(ctx);
        }
    }

    private void succeed(ChannelHandlerContext ctx) {
        step = Step.DONE;
        cancelTimeout();
        SessionKeys keys = SessionKeys.derive(secret, clientNonce, serverNonce, side == Side.CLIENT);
        FrameAuthenticator auth = new FrameAuthenticator(keys, counters);
        PeerLinkFrameDecoder framing = ctx.pipeline().get(PeerLinkFrameDecoder.class);
        if (framing != null) {
            framing.authenticated();
        }
        ctx.pipeline().replace(this, PeerLinkPipeline.AUTH, auth);
        ctx.pipeline().context(auth).fireUserEventTriggered(Authenticated.INSTANCE);
    }

    private boolean expect(ChannelHandlerContext ctx, ByteBuf in, int type, int length, String what) {
        int actualType = in.readableBytes() > 0 ? in.getUnsignedByte(in.readerIndex()) : -1;
        if (actualType != type || in.readableBytes() != length) {
            fail(ctx, "expected a handshake " + what + " (type " + type + ", " + length + " octets), got type "
                    + actualType + " with " + in.readableBytes() + " octets");
            return false;
        }
        return true;
    }

    private boolean version(ChannelHandlerContext ctx, ByteBuf in) {
        int v = in.getUnsignedByte(in.readerIndex() + 1);
        if (v != VERSION) {
            fail(ctx, "unsupported handshake version " + v);
            return false;
        }
        return true;
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        if (step == Step.DONE || step == Step.FAILED) {
            return;
        }
        step = Step.FAILED;
        cancelTimeout();
        Violation.refuse(ctx, counters.authFailures, reason);
    }

    private byte[] proof(byte[] label) {
        return secret.hmac().mac(label, clientNonce, serverNonce);
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private static byte[] nonce() {
        byte[] n = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(n);
        return n;
    }

    private static byte[] bytes(ByteBuf in, int offset, int length) {
        byte[] out = new byte[length];
        in.getBytes(in.readerIndex() + offset, out);
        return out;
    }
}
