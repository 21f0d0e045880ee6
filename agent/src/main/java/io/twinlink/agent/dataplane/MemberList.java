package io.twinlink.agent.dataplane;

import io.twinlink.agent.netlink.InterfaceName;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks on an aggregate's name and member list that every data plane makes. */
final class MemberList {

    private MemberList() {
    }

    /** The members as an immutable list, after checking names, duplicates and emptiness. */
    static List<String> check(String aggregate, List<String> members) throws DataplaneException {
        String problem = InterfaceName.problem(aggregate);
        if (problem != null) {
            throw new DataplaneException("aggregate: " + problem);
        }
        if (members.isEmpty()) {
            throw new DataplaneException("aggregate " + aggregate + " has no members");
        }
        Set<String> seen = new HashSet<>();
        for (String m : members) {
            String p = InterfaceName.problem(m);
            if (p != null) {
                throw new DataplaneException("aggregate " + aggregate + ": member " + p);
            }
            if (!seen.add(m)) {
                throw new DataplaneException("aggregate " + aggregate + ": member " + m + " is listed twice");
            }
            if (m.equals(aggregate)) {
                throw new DataplaneException("aggregate " + aggregate + " cannot be its own member");
            }
        }
        return List.copyOf(members);
    }

    static void require(String aggregate, List<String> members, String member) throws DataplaneException {
        if (!members.contains(member)) {
            throw new DataplaneException(member + " is not a member of aggregate " + aggregate);
        }
    }
}
