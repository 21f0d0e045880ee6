package io.twinlink.mlag;

/**
 * Who is primary (DESIGN.md "MC-LAG pair": lower priority, then lower MAC), made stable:
 *
 * <ol>
 *   <li>a node that already acts as primary ({@link Role#claimsPrimary()}: it is primary, or
 *       it served alone while its peer was dead) keeps the role against a peer that does not
 *       claim it, so a peer that comes back (after a reboot, or a split) never takes the role
 *       from the node that carries the traffic. Vendors call this a non-preemptive
 *       "operational primary";</li>
 *   <li>otherwise (both claim it: two halves that ran alone meet again; or neither does: both
 *       just started) the lower {@link NodeId} wins.</li>
 * </ol>
 *
 * Each peer runs this with the two inputs swapped and gets the complementary answer, so the
 * pair agrees without a further exchange. Two nodes with the same claim and the same node ID
 * cannot be ordered: both are secondary (the safe side), and {@link ConsistencyCheck}
 * reports the duplicate node ID.
 */
public final class RoleElection {

    private RoleElection() {
    }

    /** One side's input: its node identity and the role it currently holds. */
    public record Candidate(NodeId node, Role role) {
    }

    /** This node's role given its peer; always {@link Role#PRIMARY} or {@link Role#SECONDARY}. */
    public static Role elect(Candidate local, Candidate peer) {
        boolean localClaims = local.role().claimsPrimary();
        boolean peerClaims = peer.role().claimsPrimary();
        if (localClaims != peerClaims) {
            return localClaims ? Role.PRIMARY : Role.SECONDARY;
        }
        int c = local.node().compareTo(peer.node());
        return c < 0 ? Role.PRIMARY : Role.SECONDARY;
    }
}
