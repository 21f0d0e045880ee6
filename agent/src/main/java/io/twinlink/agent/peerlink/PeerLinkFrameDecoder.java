package io.twinlink.agent.peerlink;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * The peer-link's length-prefixed framing, with a tighter limit until the handshake succeeds:
 * before it, every frame is a handshake message ({@value HandshakeHandler#RESPONSE_LENGTH}
 * octets at most), so a longer length prefix is refused as soon as its four octets arrive.
 * An unauthenticated connection can then make us hold only a few dozen octets, not a 64 KB
 * frame it never finishes sending (slow-loris). Event-loop thread only.
 */
final class PeerLinkFrameDecoder extends LengthFieldBasedFrameDecoder {

    /** The largest handshake message, with its length field. */
    static final int HANDSHAKE_MAX_FRAME = PeerLinkPipeline.LENGTH_FIELD + HandshakeHandler.RESPONSE_LENGTH;

    private boolean authenticated;
    private boolean refused;

    PeerLinkFrameDecoder() {
        super(PeerLinkPipeline.MAX_FRAME, 0, PeerLinkPipeline.LENGTH_FIELD, 0, PeerLinkPipeline.LENGTH_FIELD, true);
    }

    /** The handshake succeeded: from now on frames may be as long as any message. */
    void authenticated() {
        authenticated = true;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (refused) {
            in.skipBytes(in.readableBytes()); // the connection is closing: nothing more is read
            return null;
        }
        if (!authenticated && in.readableBytes() >= PeerLinkPipeline.LENGTH_FIELD) {
            long frameLength = in.getUnsignedInt(in.readerIndex());
            if (frameLength + PeerLinkPipeline.LENGTH_FIELD > HANDSHAKE_MAX_FRAME) {
                refused = true;
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("a " + frameLength + "-octet frame before authentication (handshake"
                        + " messages have at most " + HandshakeHandler.RESPONSE_LENGTH + ")");
            }
        }
        return super.decode(ctx, in);
    }
}
