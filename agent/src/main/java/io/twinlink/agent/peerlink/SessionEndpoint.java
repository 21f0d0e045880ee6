package io.twinlink.agent.peerlink;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.twinlink.mlag.PeerMessage;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every peer-link pipeline: hands authentication, messages and closing to the
 * owner ({@link ConnectionEvents}) and catches every exception, so none escapes the pipeline:
 * a bad frame length is counted as malformed, a refused TLS handshake as an authentication
 * failure, a reset connection is just closed.
 */
final class SessionEndpoint extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEndpoint.class);

    private final ConnectionEvents events;
    private final PeerLinkCounters counters;

    SessionEndpoint(ConnectionEvents events, PeerLinkCounters counters) {
        this.events = events;
        this.counters = counters;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == HandshakeHandler.Authenticated.INSTANCE) {
            events.authenticated(ctx.channel());
        } else {
            ReferenceCountUtil.release(evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PeerMessage m) {
            events.message(ctx.channel(), m);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        String reason = ctx.channel().attr(Violation.CLOSE_REASON).get();
        events.closed(ctx.channel(), reason != null ? reason : "connection closed by the peer");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof TooLongFrameException || root instanceof CorruptedFrameException
                    || root instanceof SSLException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof TooLongFrameException || root instanceof CorruptedFrameException) {
            Violation.refuse(ctx, counters.malformed, "bad frame length: " + root.getMessage());
        } else if (root instanceof SSLException) {
            Violation.refuse(ctx, counters.authFailures, "TLS: " + root.getMessage());
        } else if (root instanceof IOException) {
            LOG.debug("peer-link remote={} error=\"{}\"", ctx.channel().remoteAddress(), root.getMessage());
            Violation.closeFailed(ctx, root.getMessage() == null ? "I/O error" : root.getMessage());
        } else {
            LOG.warn("peer-link remote={} unexpected {}: {}", ctx.channel().remoteAddress(),
                    root.getClass().getSimpleName(), root.getMessage());
            Violation.closeWith(ctx, "unexpected " + root.getClass().getSimpleName());
        }
    }
}
