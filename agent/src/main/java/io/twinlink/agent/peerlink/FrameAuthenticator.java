package io.twinlink.agent.peerlink;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

/**
 * Seals and checks every frame of an authenticated peer-link session:
 *
 * <pre>
 *  0..7        sequence number (1 for the first frame in each direction, then +1)
 *  8..n-33     payload (one peer-link message)
 *  n-32..n-1   HMAC-SHA256(direction key, octets 0..n-33)
 * </pre>
 *
 * TCP delivers in order and loses nothing, so each frame must carry exactly the next number:
 * a lower one is a replay, a higher one means frames were removed. A frame whose MAC does not
 * verify, out of sequence, or too short to hold a number and a MAC closes the connection
 * (counted in {@code authFailures}, {@code replays} and {@code malformed}); nothing after it
 * on that connection is delivered.
 */
final class FrameAuthenticator extends ChannelDuplexHandler {

    static final int SEQ_LENGTH = 8;
    static final int OVERHEAD = SEQ_LENGTH + HmacSha256.LENGTH;

    private final HmacSha256 sendMac;
    private final HmacSha256 receiveMac;
    private final PeerLinkCounters counters;
    private long sendSeq;
    private long receiveSeq;
    private boolean refused;

    FrameAuthenticator(SessionKeys keys, PeerLinkCounters counters) {
        this.sendMac = new HmacSha256(keys.send());
        this.receiveMac = new HmacSha256(keys.receive());
        this.counters = counters;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf payload)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new IllegalArgumentException("only encoded messages go on the peer-link"));
            return;
        }
        ByteBuf frame = ctx.alloc().buffer(OVERHEAD + payload.readableBytes());
        try {
            frame.writeLong(++sendSeq).writeBytes(payload);
        } finally {
            payload.release();
        }
        frame.writeBytes(sendMac.mac(frame, frame.readerIndex(), frame.readableBytes()));
        ctx.write(frame, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused || !(msg instanceof ByteBuf frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            int length = frame.readableBytes();
            if (length < OVERHEAD) {
                refuse(ctx, counters.malformed, "frame of " + length + " octets cannot hold a sequence number and a MAC");
                return;
            }
            int start = frame.readerIndex();
            int signed = length - HmacSha256.LENGTH;
            byte[] expected = receiveMac.mac(frame, start, signed);
            byte[] actual = new byte[HmacSha256.LENGTH];
            frame.getBytes(start + signed, actual);
            if (!HmacSha256.same(expected, actual)) {
                refuse(ctx, counters.authFailures, "frame MAC does not verify");
                return;
            }
            long seq = frame.getLong(start);
            if (seq != receiveSeq + 1) {
                refuse(ctx, counters.replays, "frame sequence " + Long.toUnsignedString(seq) + " where "
                        + (receiveSeq + 1) + " was due (replayed, reordered or removed frames)");
                return;
            }
            receiveSeq = seq;
            ctx.fireChannelRead(frame.retainedSlice(start + SEQ_LENGTH, signed - SEQ_LENGTH));
        } finally {
            frame.release();
        }
    }

    private void refuse(ChannelHandlerContext ctx, java.util.concurrent.atomic.AtomicLong counter, String reason) {
        refused = true;
        Violation.refuse(ctx, counter, reason);
    }
}
