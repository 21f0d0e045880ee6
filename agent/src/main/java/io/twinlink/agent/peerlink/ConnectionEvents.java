package io.twinlink.agent.peerlink;

import io.netty.channel.Channel;
import io.twinlink.mlag.PeerMessage;

/** What a peer-link connection's pipeline reports to its owner, on the connection's event loop. */
interface ConnectionEvents {

    /** Both sides proved they hold the secret; the connection now carries authenticated messages. */
    void authenticated(Channel channel);

    void message(Channel channel, PeerMessage message);

    /** The connection closed; {@code reason} says why (ours or the peer's doing). */
    void closed(Channel channel, String reason);
}
