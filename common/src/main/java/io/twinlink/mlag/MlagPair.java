package io.twinlink.mlag;

import io.twinlink.lacp.LacpSystem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * This node's half of an MC-LAG pair: the decisions of DESIGN.md "MC-LAG pair", clock-free
 * and single-threaded like {@code LacpEngine}. It changes only when called ({@link #tick},
 * {@link #peerLinkUp}, {@link #peerLinkDown}, {@link #receive}, {@link #backupHeard},
 * {@link #localBundleChanged}, {@link #localMacsChanged}) and answers each call with the
 * {@link MlagEffect}s to carry out, in order.
 *
 * <p>The rules, each decided in {@link #evaluate} from the {@link PeerState} and the
 * {@link Role}:
 * <ul>
 *   <li><b>Liveness.</b> A heartbeat every interval while the peer-link is up; the peer-link
 *       is dead after {@code missedHeartbeats} intervals without a message (then
 *       {@link MlagEffect.DropPeerLink}). The backup path (when configured) sends a keepalive
 *       every interval and is dead after as many intervals of silence.</li>
 *   <li><b>Peer dead</b> (peer-link and backup both silent): the survivor keeps the shared
 *       System ID and every bundle, releasing at once any it held down: it is
 *       {@link Role#STANDALONE} and acts as the primary.</li>
 *   <li><b>Split</b> (peer-link down, a keepalive heard <em>since</em> it went down): the
 *       secondary holds every MLAG bundle down (dual-active avoidance) and advertises its own
 *       System ID; the primary keeps them. A keepalive heard only before the loss proves
 *       nothing (the peer may just have died), so until a fresh one or silence decides,
 *       nothing changes ({@link PeerState#UNCONFIRMED}).</li>
 *   <li><b>Consistency</b> (while paired): if the pair as a whole disagrees (domain, shared
 *       system MAC or priority, STP mode, duplicate node ID) the secondary holds every bundle
 *       down and advertises its own System ID; if one bundle disagrees (key, member count,
 *       rate, or configured on one side only) the secondary holds that bundle down. The
 *       primary keeps serving, so the partner still has one working half: vendors call this
 *       a graceful consistency check.</li>
 *   <li><b>Delay-restore.</b> A bundle held down comes back while paired only after the pair
 *       has stayed together and consistent for {@code delayRestore}; any interruption starts
 *       the wait again, so a flapping peer-link cannot flap the bundles faster than that.
 *       When the peer is dead, or this node is the primary of a split, a held bundle comes
 *       back at once: nobody else carries the traffic.</li>
 *   <li><b>Startup.</b> Bundles are held down until the peer is found (then the pair's rules
 *       apply, delay-restore included) or is dead for a whole dead interval (then this node
 *       serves alone at once).</li>
 * </ul>
 *
 * <p><b>Advertised System ID.</b> The shared ID ({@code system-priority}, {@code
 * system-mac}) at all times, standalone included, so that a partner never sees the ID change
 * when a peer dies, starts or returns; except on the secondary of a split or of a globally
 * inconsistent pair, which advertises {@code (system-priority, node MAC)}: even if its held
 * bundles still reach the partner, the partner cannot aggregate them with the primary's.
 */
public final class MlagPair {

    private static final long NEVER = Long.MAX_VALUE;
    private static final int MAX_STEPS = 100_000;
    private static final String WAITING = "waiting for the peer (startup)";

    private final Hello local;
    private final PairTimers timers;
    private final boolean backupConfigured;
    private final Map<Integer, Slot> slots = new LinkedHashMap<>();
    private List<MlagEffect> effects = new ArrayList<>();

    private long now;
    private boolean started;

    // peer-link session
    private boolean transportUp;
    private long sessionStartedAt;
    private long lastHeardAt;
    private Hello peerHello;
    private Role peerRole;
    private long peerUptimeMillis = -1;
    private long heartbeatDue = NEVER;
    private long heartbeatSeq;
    private boolean everHeardPeer;
    private long lastHeartbeatAt = -1;

    // backup path
    private Keepalive lastKeepalive;
    private long lastKeepaliveAt = -1;
    private boolean keepaliveSinceLoss;
    private long keepaliveDue = NEVER;
    private long ignoredKeepalives;

    // decisions
    private boolean paired;
    private PeerState state = PeerState.STARTING;
    private Role role = Role.NONE;
    private ConsistencyReport consistency = ConsistencyReport.NONE;
    private LacpSystem advertised;

    /** Per MLAG bundle: our half, the peer's half, and the hold-down decision. */
    private static final class Slot {
        final int mlagId;
        boolean localUp;
        boolean peerUp;
        boolean protodown = true;
        String reason = WAITING;
        long restoreAt = NEVER;

        Slot(int mlagId) {
            this.mlagId = mlagId;
        }
    }

    /**
     * @param local            this node's hello: everything the peer must agree with, and the
     *                         MLAG bundles this node runs
     * @param backupConfigured whether a backup keepalive path exists ({@code mlag.backup})
     */
    public MlagPair(Hello local, PairTimers timers, boolean backupConfigured) {
        this.local = local;
        this.timers = timers;
        this.backupConfigured = backupConfigured;
        for (BundleProfile b : local.bundles()) {
            slots.put(b.mlagId(), new Slot(b.mlagId()));
        }
        this.advertised = local.sharedSystem();
    }

    // ------------------------------------------------------------------ events

    /**
     * The agent starts: every MLAG bundle held down until the peer is found or declared dead,
     * the shared System ID advertised, the first keepalive sent.
     */
    public List<MlagEffect> start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        emit(new MlagEffect.AdvertiseSystem(advertised, true, "shared system ID of domain " + local.domainId()));
        for (Slot s : slots.values()) {
            emit(new MlagEffect.SetProtodown(s.mlagId, true, s.reason));
        }
        if (backupConfigured) {
            sendKeepalive();
            keepaliveDue = now + timers.heartbeatInterval();
        }
        evaluate();
        return drain();
    }

    /**
     * Time passed. Everything that falls due inside {@code elapsedNanos} happens at its exact
     * virtual deadline, in order; periodic sends restart from their deadline, not from the
     * late wake-up, so they do not drift.
     */
    public List<MlagEffect> tick(long elapsedNanos) {
        requireStarted();
        if (elapsedNanos < 0) {
            throw new IllegalArgumentException("time does not run backwards: " + elapsedNanos);
        }
        long end = now + elapsedNanos;
        for (int i = 0; ; i++) {
            if (i > MAX_STEPS) {
                throw new IllegalStateException("MLAG timers did not settle at " + now);
            }
            long next = nextDeadline();
            if (next > end) {
                break;
            }
            now = Math.max(now, next);
            fireDue();
            evaluate();
        }
        now = end;
        evaluate();
        return drain();
    }

    /** A peer-link connection authenticated: a new session starts with hellos. */
    public List<MlagEffect> peerLinkUp() {
        requireStarted();
        if (transportUp) {
            endSession();
        }
        transportUp = true;
        sessionStartedAt = now;
        lastHeardAt = now;
        emit(new MlagEffect.Send(local));
        sendHeartbeat();
        heartbeatDue = now + timers.heartbeatInterval();
        for (Slot s : slots.values()) {
            emit(new MlagEffect.Send(bundleState(s)));
        }
        evaluate();
        return drain();
    }

    /** The peer-link connection closed. */
    public List<MlagEffect> peerLinkDown() {
        requireStarted();
        if (transportUp) {
            endSession();
            evaluate();
        }
        return drain();
    }

    /** A message arrived over the peer-link. Any message shows the peer is alive. */
    public List<MlagEffect> receive(PeerMessage message) {
        requireStarted();
        if (!transportUp) {
            return drain(); // from a session already given up
        }
        lastHeardAt = now;
        everHeardPeer = true;
        if (message instanceof Hello h) {
            peerHello = h;
        } else if (message instanceof Heartbeat hb) {
            peerRole = hb.role();
            peerUptimeMillis = hb.uptimeMillis();
            lastHeartbeatAt = now;
        } else if (message instanceof BundleState bs) {
            Slot s = slots.get(bs.mlagId());
            boolean up = bs.localUp() && !bs.protodown();
            if (s != null && s.peerUp != up) {
                s.peerUp = up;
                emit(new MlagEffect.PeerBundle(s.mlagId, up));
            }
        } else if (message instanceof MacSync sync) {
            emit(new MlagEffect.PeerMacs(sync));
        }
        evaluate();
        return drain();
    }

    /** An authenticated keepalive arrived over the backup path. Those of another domain are ignored. */
    public List<MlagEffect> backupHeard(Keepalive keepalive) {
        requireStarted();
        if (!backupConfigured || keepalive.domainId() != local.domainId()) {
            ignoredKeepalives++;
            return drain();
        }
        lastKeepalive = keepalive;
        lastKeepaliveAt = now;
        keepaliveSinceLoss = true;
        everHeardPeer = true;
        evaluate();
        return drain();
    }

    /** This node's half of a bundle started or stopped carrying traffic (its LACP aggregator). */
    public List<MlagEffect> localBundleChanged(int mlagId, boolean up) {
        requireStarted();
        Slot s = slots.get(mlagId);
        if (s == null) {
            throw new IllegalArgumentException("no MLAG bundle with mlag-id " + mlagId);
        }
        if (s.localUp != up) {
            s.localUp = up;
            if (transportUp) {
                emit(new MlagEffect.Send(bundleState(s)));
            }
        }
        return drain();
    }

    /**
     * MACs learned or aged out on MLAG bundles here: sent to the peer while the peer-link is
     * up (in as many messages as needed). While it is down they are not queued: the agent
     * sends its whole table when the pair forms again ({@link PeerState#PAIRED}).
     */
    public List<MlagEffect> localMacsChanged(List<MacEntry> added, List<MacEntry> removed) {
        requireStarted();
        if (transportUp) {
            List<MacEntry> all = new ArrayList<>(added);
            all.addAll(removed);
            int max = PeerMessageCodec.MAX_MAC_ENTRIES;
            for (int from = 0; from < all.size(); from += max) {
                int to = Math.min(all.size(), from + max);
                int addedEnd = Math.min(added.size(), to);
                List<MacEntry> a = from < addedEnd ? all.subList(from, addedEnd) : List.of();
                int removedStart = Math.max(from, added.size());
                List<MacEntry> r = removedStart < to ? all.subList(removedStart, to) : List.of();
                emit(new MlagEffect.Send(new MacSync(a, r)));
            }
        }
        return drain();
    }

    /** Nanoseconds until something falls due, so the caller schedules one wake-up. */
    public long nanosUntilNextEvent() {
        long next = nextDeadline();
        return next == NEVER ? NEVER : Math.max(0, next - now);
    }

    // ------------------------------------------------------------------ timers

    private long nextDeadline() {
        long next = NEVER;
        if (transportUp) {
            next = Math.min(next, heartbeatDue);
            next = Math.min(next, lastHeardAt + timers.deadInterval());
            if (peerHello == null || peerRole == null) {
                next = Math.min(next, sessionStartedAt + timers.deadInterval());
            }
        }
        if (backupConfigured) {
            next = Math.min(next, keepaliveDue);
            if (lastKeepaliveAt >= 0 && lastKeepaliveAt + timers.deadInterval() > now) {
                next = Math.min(next, lastKeepaliveAt + timers.deadInterval());
            }
        }
        if (state == PeerState.STARTING) {
            next = Math.min(next, timers.deadInterval());
        }
        for (Slot s : slots.values()) {
            next = Math.min(next, s.restoreAt);
        }
        return next;
    }

    private void fireDue() {
        if (transportUp && now >= lastHeardAt + timers.deadInterval()) {
            dropSession(timers.missedHeartbeats() + " heartbeat intervals without a word from the peer");
        } else if (transportUp && (peerHello == null || peerRole == null)
                && now >= sessionStartedAt + timers.deadInterval()) {
            dropSession("no hello and heartbeat from the peer within " + millis(timers.deadInterval()) + " ms");
        }
        if (transportUp && now >= heartbeatDue) {
            sendHeartbeat();
            heartbeatDue = nextPeriod(heartbeatDue);
        }
        if (backupConfigured && now >= keepaliveDue) {
            sendKeepalive();
            keepaliveDue = nextPeriod(keepaliveDue);
        }
    }

    /** The next deadline of a periodic send: one period on, skipping periods a stall lost entirely. */
    private long nextPeriod(long due) {
        long next = due + timers.heartbeatInterval();
        if (next <= now) {
            next += ((now - next) / timers.heartbeatInterval() + 1) * timers.heartbeatInterval();
        }
        return next;
    }

    private void dropSession(String reason) {
        emit(new MlagEffect.DropPeerLink(reason));
        endSession();
    }

    private void endSession() {
        transportUp = false;
        peerHello = null;
        peerRole = null;
        heartbeatDue = NEVER;
    }

    // ------------------------------------------------------------------ decisions

    /** Brings every decision in line with what is known now. */
    private void evaluate() {
        if (!started) {
            return;
        }
        boolean pairedNow = transportUp && peerHello != null && peerRole != null;
        if (paired && !pairedNow) {
            // The pair came apart: only a keepalive heard from now on proves the peer alive.
            keepaliveSinceLoss = false;
            consistency = ConsistencyReport.NONE;
            for (Slot s : slots.values()) {
                if (s.peerUp) {
                    s.peerUp = false;
                    emit(new MlagEffect.PeerBundle(s.mlagId, false));
                }
            }
        }
        paired = pairedNow;
        if (paired) {
            consistency = ConsistencyCheck.compare(local, peerHello);
        }
        PeerState newState = peerState(paired);
        if (newState != state) {
            emit(new MlagEffect.PeerStateChanged(state, newState));
            state = newState;
        }
        Role newRole = electRole();
        if (newRole != role) {
            Role old = role;
            role = newRole;
            emit(new MlagEffect.RoleChanged(old, newRole, roleReason()));
            // The peer elects with our role as input: tell it at once, not at the next interval.
            if (transportUp) {
                sendHeartbeat();
            }
            if (backupConfigured) {
                sendKeepalive();
            }
        }
        List<Slot> released = new ArrayList<>();
        for (Slot s : slots.values()) {
            if (holdDown(s)) {
                continue;
            }
            if (s.protodown) {
                released.add(s);
            }
        }
        advertise();
        for (Slot s : released) {
            if (s.protodown) {
                setProtodown(s, false, releaseReason());
            }
        }
    }

    private PeerState peerState(boolean pairedNow) {
        if (pairedNow) {
            return PeerState.PAIRED;
        }
        boolean backupAlive = backupConfigured && lastKeepaliveAt >= 0
                && now < lastKeepaliveAt + timers.deadInterval();
        boolean starting = state == PeerState.STARTING && now < timers.deadInterval();
        if (transportUp) {
            // An authenticated session proves the peer alive; its hello is a moment away (or
            // the session is dropped after a dead interval).
            return starting ? PeerState.STARTING : PeerState.UNCONFIRMED;
        }
        if (backupAlive && keepaliveSinceLoss) {
            return PeerState.SPLIT;
        }
        if (starting) {
            return PeerState.STARTING;
        }
        return backupAlive ? PeerState.UNCONFIRMED : PeerState.DEAD;
    }

    private Role electRole() {
        return switch (state) {
            case STARTING -> Role.NONE;
            case UNCONFIRMED -> role;
            case DEAD -> Role.STANDALONE;
            case PAIRED -> RoleElection.elect(new RoleElection.Candidate(local.node(), role),
                    new RoleElection.Candidate(peerHello.node(), peerRole));
            case SPLIT -> RoleElection.elect(new RoleElection.Candidate(local.node(), role),
                    new RoleElection.Candidate(lastKeepalive.node(), lastKeepalive.role()));
        };
    }

    private String roleReason() {
        return switch (state) {
            case STARTING -> "starting";
            case UNCONFIRMED -> "unchanged until the peer is known alive or dead";
            case DEAD -> "peer dead: serving alone";
            case PAIRED -> "elected with peer " + peerHello.node() + " (" + peerRole.showName + ")";
            case SPLIT -> "elected over the backup path with peer " + lastKeepalive.node() + " ("
                    + lastKeepalive.role().showName + ")";
        };
    }

    /**
     * Holds the bundle down if a rule says so, or while it waits out delay-restore; returns
     * whether it stays down.
     */
    private boolean holdDown(Slot s) {
        if (state == PeerState.UNCONFIRMED) {
            // Nothing changes until the peer is known alive or dead; a restore in progress
            // starts over once the pair is back.
            s.restoreAt = NEVER;
            return s.protodown;
        }
        String reason = holdReason(s);
        if (reason != null) {
            s.restoreAt = NEVER;
            setProtodown(s, true, reason);
            return true;
        }
        if (!s.protodown || state != PeerState.PAIRED) {
            s.restoreAt = NEVER;
            return false;
        }
        if (s.restoreAt == NEVER) {
            s.restoreAt = now + timers.delayRestore();
            setProtodown(s, true, "delay-restore: up in " + millis(timers.delayRestore()) + " ms");
        }
        if (now >= s.restoreAt) {
            s.restoreAt = NEVER;
            return false;
        }
        return true;
    }

    /** Why a rule holds this bundle down now, or {@code null}. */
    private String holdReason(Slot s) {
        switch (state) {
            case STARTING:
                return WAITING;
            case SPLIT:
                return role == Role.SECONDARY
                        ? "peer-link down while the peer is alive on the backup path: secondary avoids dual-active"
                        : null;
            case PAIRED:
                if (role != Role.SECONDARY) {
                    return null;
                }
                String global = consistency.globalProblem();
                return global != null ? global : consistency.bundleProblem(s.mlagId);
            default:
                return null;
        }
    }

    private String releaseReason() {
        return switch (state) {
            case PAIRED -> "pair consistent, delay-restore over";
            case DEAD -> "peer dead: serving alone";
            case SPLIT -> "primary of a split pair: keeps serving";
            default -> "released";
        };
    }

    /**
     * Why the bundle is down, or why it is up now: the reason it was last released for goes
     * stale as the pair changes around a bundle that stays up (paired, then the peer dead).
     */
    private String shownReason(Slot s) {
        return s.protodown ? s.reason : releaseReason();
    }

    private void setProtodown(Slot s, boolean down, String reason) {
        if (s.protodown == down && s.reason.equals(reason)) {
            return;
        }
        boolean flagChanged = s.protodown != down;
        s.protodown = down;
        s.reason = reason;
        emit(new MlagEffect.SetProtodown(s.mlagId, down, reason));
        if (flagChanged && transportUp) {
            emit(new MlagEffect.Send(bundleState(s)));
        }
    }

    private void advertise() {
        if (state == PeerState.UNCONFIRMED) {
            return;
        }
        String why = null;
        if (role == Role.SECONDARY && state == PeerState.SPLIT) {
            why = "secondary of a split pair";
        } else if (role == Role.SECONDARY && state == PeerState.PAIRED && consistency.globalProblem() != null) {
            why = "secondary of an inconsistent pair";
        }
        LacpSystem wanted = why == null ? local.sharedSystem()
                : new LacpSystem(local.systemPriority(), local.node().mac());
        if (!wanted.equals(advertised)) {
            advertised = wanted;
            emit(new MlagEffect.AdvertiseSystem(wanted, why == null,
                    why == null ? "shared system ID of domain " + local.domainId() : why + ": own system ID"));
        }
    }

    // ------------------------------------------------------------------ messages

    private void sendHeartbeat() {
        emit(new MlagEffect.Send(new Heartbeat(heartbeatSeq, role, TimeUnit.NANOSECONDS.toMillis(now))));
        heartbeatSeq = (heartbeatSeq + 1) & 0xFFFF_FFFFL;
    }

    private void sendKeepalive() {
        emit(new MlagEffect.SendKeepalive(new Keepalive(local.domainId(), local.node(), role)));
    }

    private static BundleState bundleState(Slot s) {
        return new BundleState(s.mlagId, s.localUp, s.protodown);
    }

    private void emit(MlagEffect effect) {
        effects.add(effect);
    }

    private List<MlagEffect> drain() {
        if (effects.isEmpty()) {
            return List.of();
        }
        List<MlagEffect> out = effects;
        effects = new ArrayList<>();
        return out;
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("call start() first");
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    // ------------------------------------------------------------------ read-only views

    /** Virtual time: the sum of all ticks so far. */
    public long now() {
        return now;
    }

    public Role role() {
        return role;
    }

    public PeerState peerState() {
        return state;
    }

    /** Whether a peer-link session is up (paired or still exchanging hellos). */
    public boolean peerLinkConnected() {
        return transportUp;
    }

    public BackupState backupState() {
        if (!backupConfigured) {
            return BackupState.OFF;
        }
        return lastKeepaliveAt >= 0 && now < lastKeepaliveAt + timers.deadInterval()
                ? BackupState.ALIVE : BackupState.DEAD;
    }

    /** Milliseconds since the last heartbeat from the peer, or -1 if none was ever heard. */
    public long millisSinceLastHeartbeat() {
        return lastHeartbeatAt < 0 ? -1 : millis(now - lastHeartbeatAt);
    }

    /** The peer's uptime as its last heartbeat said, or -1. */
    public long peerUptimeMillis() {
        return peerUptimeMillis;
    }

    /** Whether anything was ever heard from the peer, on either path. */
    public boolean everHeardPeer() {
        return everHeardPeer;
    }

    public LacpSystem advertisedSystem() {
        return advertised;
    }

    /** The consistency table of the current pairing; empty while not paired. */
    public ConsistencyReport consistency() {
        return consistency;
    }

    public Hello localHello() {
        return local;
    }

    public List<BundleStatus> bundles() {
        List<BundleStatus> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            out.add(new BundleStatus(s.mlagId, s.localUp, s.peerUp, s.protodown, shownReason(s)));
        }
        return out;
    }

    public BundleStatus bundle(int mlagId) {
        Slot s = slots.get(mlagId);
        if (s == null) {
            throw new IllegalArgumentException("no MLAG bundle with mlag-id " + mlagId);
        }
        return new BundleStatus(s.mlagId, s.localUp, s.peerUp, s.protodown, shownReason(s));
    }

    /** Keepalives ignored because no backup path is configured or they come from another domain. */
    public long ignoredKeepalives() {
        return ignoredKeepalives;
    }
}
