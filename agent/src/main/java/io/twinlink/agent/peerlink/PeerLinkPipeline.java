package io.twinlink.agent.peerlink;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.SslContext;
import io.twinlink.mlag.PeerMessageCodec;
import java.net.InetSocketAddress;

/**
 * The handlers of one peer-link connection, head to tail:
 *
 * <pre>
 *  [tls]     optional SslHandler
 *  length    PeerLinkFrameDecoder: 4-octet length, handshake-sized frames until authenticated,
 *            then up to MAX_FRAME, fail fast
 *  prefix    LengthFieldPrepender: writes the 4-octet length
 *  auth      HandshakeHandler until it succeeds, then FrameAuthenticator in its place
 *  messages  PeerMessageFrames: frame payload to PeerMessage and back
 *  session   SessionEndpoint: events to the owner, every exception caught
 * </pre>
 */
final class PeerLinkPipeline {

    static final String TLS = "tls";
    static final String LENGTH = "length";
    static final String PREFIX = "prefix";
    static final String AUTH = "auth";
    static final String MESSAGES = "messages";
    static final String SESSION = "session";

    static final int LENGTH_FIELD = 4;
    /**
     * The largest legal frame as the decoder counts it (its length field included): a
     * sequence number, the largest message, a MAC.
     */
    static final int MAX_FRAME = LENGTH_FIELD + FrameAuthenticator.OVERHEAD + PeerMessageCodec.HEADER_LENGTH
            + PeerMessageCodec.MAX_BODY_LENGTH;

    private PeerLinkPipeline() {
    }

    /**
     * @param tls  null for plain TCP
     * @param peer for the client's TLS handler (SNI and session reuse); ignored otherwise
     */
    static void configure(Channel channel, HandshakeHandler.Side side, SharedSecret secret, PeerLinkCounters counters,
                          long handshakeTimeoutNanos, SslContext tls, InetSocketAddress peer, ConnectionEvents events) {
        ChannelPipeline p = channel.pipeline();
        if (tls != null) {
            p.addLast(TLS, side == HandshakeHandler.Side.CLIENT && peer != null
                    ? tls.newHandler(channel.alloc(), peer.getHostString(), peer.getPort())
                    : tls.newHandler(channel.alloc()));
        }
        p.addLast(LENGTH, new PeerLinkFrameDecoder());
        p.addLast(PREFIX, new LengthFieldPrepender(LENGTH_FIELD));
        p.addLast(AUTH, new HandshakeHandler(side, secret, counters, handshakeTimeoutNanos));
        p.addLast(MESSAGES, new PeerMessageFrames(counters));
        p.addLast(SESSION, new SessionEndpoint(events, counters));
    }
}
