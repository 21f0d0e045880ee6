package io.twinlink.bench;

import io.twinlink.it.harness.CapturedLacpdu;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a capture shows about LACP state, read by tshark ({@link CapturedLacpdu}). */
final class WireStates {

    static final int IN_SYNC_AND_FORWARDING = CapturedLacpdu.SYNCHRONIZATION | CapturedLacpdu.COLLECTING
            | CapturedLacpdu.DISTRIBUTING;
    /** Actor_State Defaulted [802.1AX-2020 6.4.2.3]: the actor runs on administrative partner values. */
    static final int DEFAULTED = 0x40;
    /** Not forwarding in earnest while the actor's own partner information is stale or made up. */
    static final int STALE = CapturedLacpdu.EXPIRED | DEFAULTED;

    private WireStates() {
    }

    /**
     * When the sender {@code actorSystem} started advertising synchronization, collecting and
     * distributing, with current partner information (neither Expired nor Defaulted), on this
     * link for good: the first LACPDU after {@code since} from which every later one keeps that
     * state. Open vSwitch, for one, advertises collecting and distributing while still Expired,
     * and enables the member only once the partner's information is current.
     */
    static Optional<Instant> forwardingSince(List<CapturedLacpdu> capture, String actorSystem, Instant since) {
        Instant stableFrom = null;
        for (CapturedLacpdu p : capture) {
            if (!p.actorSystem().equalsIgnoreCase(actorSystem) || p.time().isBefore(since)) {
                continue;
            }
            boolean forwarding = (p.actorState() & IN_SYNC_AND_FORWARDING) == IN_SYNC_AND_FORWARDING
                    && (p.actorState() & STALE) == 0;
            if (!forwarding) {
                stableFrom = null;
            } else if (stableFrom == null) {
                stableFrom = p.time();
            }
        }
        return Optional.ofNullable(stableFrom);
    }

    static List<CapturedLacpdu> read(Path pcap) {
        return CapturedLacpdu.read(pcap);
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
