package io.twinlink.agent.peerlink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.twinlink.mlag.PeerMessage;
import io.twinlink.mlag.PeerMessageCodec;
import io.twinlink.wire.MalformedPduException;
import java.util.List;

/**
 * One {@link PeerMessage} per authenticated frame, through {@link PeerMessageCodec}. A payload
 * that does not decode came from a peer holding the secret, so it is a bug or a version we do
 * not understand, not an attack: counted as malformed, the connection closed, a line logged.
 */
final class PeerMessageFrames extends MessageToMessageCodec<ByteBuf, PeerMessage> {

    private final PeerLinkCounters counters;
    private boolean refused;

    PeerMessageFrames(PeerLinkCounters counters) {
        this.counters = counters;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, PeerMessage msg, List<Object> out) {
        out.add(Unpooled.wrappedBuffer(PeerMessageCodec.encode(msg)));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        if (refused) {
            return;
        }
        try {
            out.add(PeerMessageCodec.decode(msg.nioBuffer()));
        } catch (MalformedPduException e) {
            refused = true;
            Violation.refuse(ctx, counters.malformed, "undecodable message: " + e.getMessage());
        }
    }
}
