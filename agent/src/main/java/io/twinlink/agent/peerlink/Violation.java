package io.twinlink.agent.peerlink;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every handler refuses a connection: count it, say why in one log line, remember the
 * reason for the owner's {@code closed} event, close. Never an exception up the pipeline.
 */
final class Violation {

    private static final Logger LOG = LoggerFactory.getLogger(Violation.class);

    /** Why a connection was closed by our side; read when it is reported closed. */
    static final AttributeKey<String> CLOSE_REASON = AttributeKey.valueOf("twinlink.peerlink.closeReason");

    private Violation() {
    }

    /**
     * Counts and closes, once per connection: what is still buffered behind the first
     * violation (the rest of a junk stream) is not counted again.
     */
    static void refuse(ChannelHandlerContext ctx, AtomicLong counter, String reason) {
        if (counter != null && ctx.channel().attr(CLOSE_REASON).get() == null) {
            counter.incrementAndGet();
        }
        closeWith(ctx, reason);
    }

    /**
     * Closes a connection that failed rather than misbehaved (reset by a peer that died or
     * rebooted, a dead route): nothing is refused, so no warning; the reason is kept for the
     * owner's {@code closed} event, which logs the link going down with it.
     */
    static void closeFailed(ChannelHandlerContext ctx, String reason) {
        ctx.channel().attr(CLOSE_REASON).setIfAbsent(reason);
        ctx.close();
    }

    static void closeWith(ChannelHandlerContext ctx, String reason) {
        if (ctx.channel().attr(CLOSE_REASON).setIfAbsent(reason) == null) {
            LOG.warn("peer-link refused remote={} reason=\"{}\"", ctx.channel().remoteAddress(), reason);
        }
        ctx.close();
    }
}
