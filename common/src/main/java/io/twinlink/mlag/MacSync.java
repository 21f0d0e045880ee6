package io.twinlink.mlag;

import java.util.List;

/**
 * MAC addresses learned (added) or aged out (removed) on MLAG bundles: the peer installs
 * them on its own half of the same bundle, so that after a failover it forwards at once
 * instead of flooding. At most {@link PeerMessageCodec#MAX_MAC_ENTRIES} entries per message.
 */
public record MacSync(List<MacEntry> added, List<MacEntry> removed) implements PeerMessage {

    public MacSync {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        if (added.size() + removed.size() > PeerMessageCodec.MAX_MAC_ENTRIES) {
            throw new IllegalArgumentException("at most " + PeerMessageCodec.MAX_MAC_ENTRIES
                    + " MAC entries per message, got " + (added.size() + removed.size()));
        }
    }
}
