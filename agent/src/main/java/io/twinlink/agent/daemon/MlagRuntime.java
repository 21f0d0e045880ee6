package io.twinlink.agent.daemon;

import io.twinlink.mlag.Keepalive;
import io.twinlink.mlag.MlagEffect;
import io.twinlink.mlag.MlagPair;
import io.twinlink.mlag.PeerMessage;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives this node's {@link MlagPair} from the event loop, as {@link LacpRuntime} does for
 * LACP: peer-link and backup events in, decisions out, carried out through {@link Actions}.
 */
public final class MlagRuntime {

    private static final Logger LOG = LoggerFactory.getLogger("mlag");
    /**
     * Heartbeats every 100 ms, dead after 300 ms: a loop stalled for a few hundred ms (a busy
     * host) would otherwise find the peer-link dead on waking, with the peer's heartbeats
     * unread in the socket. See {@link EngineClock}.
     */
    static final long STALL_ALLOWANCE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50);

    /** What the pair's decisions do to the rest of the agent. */
    public interface Actions {
        void send(PeerMessage message);

        void sendKeepalive(Keepalive keepalive);

        void dropPeerLink(String reason);

        /** Hold an MLAG bundle down (dual-active avoidance, inconsistency, startup) or release it. */
        void setProtodown(int mlagId, boolean protodown, String reason);

        /** Advertise this System ID on every LACP port (partners hear it at once). */
        void advertise(io.twinlink.lacp.LacpSystem system);

        /** The peer's half of an MLAG bundle went up or down (split horizon follows it). */
        void peerBundle(int mlagId, boolean up);
    }

    private final MlagPair pair;
    private final EngineClock<MlagEffect> clock;
    private final Actions actions;

    public MlagRuntime(MlagPair pair, Scheduler loop, LongSupplier nanoClock, Actions actions) {
        this.pair = pair;
        this.actions = actions;
        this.clock = new EngineClock<>(loop, nanoClock, pair::tick, pair::nanosUntilNextEvent, this::execute,
                0, STALL_ALLOWANCE_NANOS);
    }

    public MlagPair pair() {
        return pair;
    }

    public void start() {
        clock.start();
        execute(pair.start());
        clock.reschedule();
    }

    public void peerLinkUp() {
        on(() -> pair.peerLinkUp());
    }

    public void peerLinkDown() {
        on(() -> pair.peerLinkDown());
    }

    public void received(PeerMessage message) {
        on(() -> pair.receive(message));
    }

    public void keepalive(Keepalive keepalive) {
        on(() -> pair.backupHeard(keepalive));
    }

    public void localBundleChanged(int mlagId, boolean up) {
        on(() -> pair.localBundleChanged(mlagId, up));
    }

    public void shutdown() {
        clock.stop();
    }

    private void on(java.util.function.Supplier<List<MlagEffect>> event) {
        if (clock.stopped()) {
            return;
        }
        clock.catchUp();
        execute(event.get());
        clock.reschedule();
    }

    private void execute(List<MlagEffect> effects) {
        for (MlagEffect e : effects) {
            try {
                carryOut(e);
            } catch (RuntimeException ex) {
                LOG.warn("mlag effect {} failed: {}", e, ex.getMessage());
            }
        }
    }

    private void carryOut(MlagEffect e) {
        if (e instanceof MlagEffect.Send s) {
            actions.send(s.message());
        } else if (e instanceof MlagEffect.SendKeepalive k) {
            actions.sendKeepalive(k.keepalive());
        } else if (e instanceof MlagEffect.DropPeerLink d) {
            LOG.info("peer-link dropped: {}", d.reason());
            actions.dropPeerLink(d.reason());
        } else if (e instanceof MlagEffect.SetProtodown p) {
            LOG.info("bundle mlag-id={} protodown={} ({})", p.mlagId(), p.protodown(), p.reason());
            actions.setProtodown(p.mlagId(), p.protodown(), p.reason());
        } else if (e instanceof MlagEffect.AdvertiseSystem a) {
            LOG.info("advertising system {} ({}: {})", a.system(), a.shared() ? "shared" : "own", a.reason());
            actions.advertise(a.system());
        } else if (e instanceof MlagEffect.RoleChanged r) {
            LOG.info("role {} -> {} ({})", r.from(), r.to(), r.reason());
        } else if (e instanceof MlagEffect.PeerStateChanged s) {
            LOG.info("peer {} -> {}", s.from(), s.to());
        } else if (e instanceof MlagEffect.PeerBundle b) {
            actions.peerBundle(b.mlagId(), b.up());
        } else if (e instanceof MlagEffect.PeerMacs m) {
            LOG.debug("peer MAC sync received ({}), not installed: MAC sync is not implemented", m.sync());
        }
    }
}
