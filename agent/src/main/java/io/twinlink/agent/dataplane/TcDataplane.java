package io.twinlink.agent.dataplane;

import io.twinlink.agent.netlink.InterfaceName;
import io.twinlink.agent.netlink.LinkRequests;
import io.twinlink.agent.netlink.LinkState;
import io.twinlink.agent.netlink.NetlinkException;
import io.twinlink.agent.netlink.RouteNetlink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dataplane: tc}, for kernels without the bonding module (containers, micro-VMs): the
 * aggregate is one end of a veth pair, and tc filters on the other end ({@code NAMEdp}) and
 * on the members do the bond's job ({@link TcScript} has the recipe). Links are created over
 * rtnetlink, the filters set up with one {@code tc -batch} and changed over rtnetlink.
 * Everything happens in the network namespace of the thread that creates the first aggregate
 * (the netlink socket's) and of the threads that call it (tc processes inherit theirs).
 */
public final class TcDataplane implements AggregationDataplane {

    public static final String NAME = "tc";
    private static final Logger LOG = LoggerFactory.getLogger(TcDataplane.class);

    private final TcBatch tc;
    private final List<TcAggregate> created = new ArrayList<>();
    private RouteNetlink rtnl;

    public TcDataplane() {
        this("tc");
    }

    /** @param tcBinary the tc program, from PATH unless a path is given */
    public TcDataplane(String tcBinary) {
        this.tc = new TcBatch(tcBinary);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The veth peer of aggregate {@code name}: {@code NAMEdp}, shortened to fit IFNAMSIZ. */
    public static String peerName(String name) {
        if (name.length() + 2 <= InterfaceName.MAX_LENGTH) {
            return name + "dp";
        }
        // keep it unique among long names that share a prefix
        String hash = String.format("%04x", name.hashCode() & 0xFFFF);
        return name.substring(0, InterfaceName.MAX_LENGTH - 2 - hash.length()) + hash + "dp";
    }

    @Override
    public Aggregate createAggregate(String name, List<String> members) throws DataplaneException {
        List<String> list = MemberList.check(name, members);
        String dp = peerName(name);
        if (list.contains(dp)) {
            throw new DataplaneException("aggregate " + name + ": member " + dp + " is the name of its own veth peer");
        }
        RouteNetlink netlink = netlink();
        for (String m : list) {
            try {
                if (netlink.link(m).isEmpty()) {
                    throw new DataplaneException("aggregate " + name + ": member " + m + ": no such interface");
                }
            } catch (NetlinkException e) {
                throw new DataplaneException("aggregate " + name + ": member " + m + ": " + e.getMessage());
            }
        }
        removeLeftover(netlink, name);
        try {
            netlink.execute(s -> LinkRequests.createVeth(name, dp, s), "create veth " + name + "/" + dp);
        } catch (NetlinkException e) {
            String hint = e.errno() == 17 ? " (not made by twinlink: it has no twinlink mark; remove it with: ip link del "
                    + name + ")" : "";
            throw new DataplaneException("tc dataplane: cannot create aggregate " + name + ": " + e.getMessage() + hint);
        }
        List<String> guarded = new ArrayList<>();
        Map<String, Integer> memberIndex = new HashMap<>();
        int dpIndex;
        try {
            // marked at once: a crash from here on leaves something the next run can recognise
            netlink.execute(s -> LinkRequests.setAlias(ifindex(netlink, name), AggregateMark.ours(NAME, list).alias(), s),
                    "mark " + name);
            netlink.execute(s -> LinkRequests.setAdminUp(ifindex(netlink, dp), true, s), "set " + dp + " up");
            netlink.execute(s -> LinkRequests.setAdminUp(ifindex(netlink, name), true, s), "set " + name + " up");
            tc.run(TcScript.distributor(dp));
            for (String m : list) {
                // one batch per member: a member that already has an ingress qdisc is someone
                // else's, and must be left exactly as it was (unless it is our own leftover)
                removeLeftoverGuard(name, m);
                tc.run(TcScript.memberGuard(m));
                guarded.add(m);
                memberIndex.put(m, netlink.ifindex(m));
            }
            dpIndex = netlink.ifindex(dp);
        } catch (NetlinkException | DataplaneException e) {
            undo(name, guarded);
            String reason = e.getMessage();
            if (reason.contains("Exclusivity flag on")) {
                reason += " (the member already has an ingress qdisc: remove it, or leave the interface out)";
            }
            throw new DataplaneException("tc dataplane: cannot set up aggregate " + name + ": " + reason);
        }
        TcAggregate aggregate = new TcAggregate(name, dp, list, netlink, dpIndex, memberIndex, this::undo);
        created.add(aggregate);
        LOG.info("aggregate {} created (tc, veth peer {}, members {})", name, dp, list);
        return aggregate;
    }

    @Override
    public void close() {
        for (TcAggregate a : List.copyOf(created)) {
            a.remove();
        }
        created.clear();
        if (rtnl != null) {
            rtnl.close();
            rtnl = null;
        }
    }

    /**
     * An aggregate interface of this name with our mark ({@link AggregateMark}) whose agent is
     * gone was left by a twinlink that did not stop cleanly: it is removed, with the guards it
     * had put on the members it lists, so that this run starts from a clean kernel. If its
     * agent still runs, this one refuses to start; an unmarked interface of that name is not
     * ours, and creating the aggregate then fails and says so.
     */
    private void removeLeftover(RouteNetlink netlink, String name) throws DataplaneException {
        Optional<LinkState> existing;
        try {
            existing = netlink.link(name);
        } catch (NetlinkException e) {
            throw new DataplaneException("aggregate " + name + ": " + e.getMessage());
        }
        Optional<AggregateMark> mark = AggregateMark.leftBehind(existing, "aggregate " + name);
        if (mark.isEmpty()) {
            return;
        }
        LOG.info("aggregate {} left by twinlink pid {}, which did not stop cleanly: removing it and the guards on {}",
                name, mark.get().pid(), mark.get().members());
        for (String m : mark.get().members()) {
            removeLeftoverGuard(name, m);
        }
        try {
            int index = existing.get().ifindex();
            netlink.execute(s -> LinkRequests.delete(index, s), "delete leftover " + name);
        } catch (NetlinkException e) {
            throw new DataplaneException("tc dataplane: cannot remove leftover aggregate " + name + ": " + e.getMessage());
        }
    }

    /** Removes a member's ingress qdisc if what is on it is exactly a guard of ours; anything else stays. */
    private void removeLeftoverGuard(String aggregate, String member) {
        try {
            if (TcScript.isMemberGuard(tc.query(TcScript.showGuard(member)))) {
                LOG.info("aggregate {}: member {} still has the guard of an earlier twinlink run: removing it", aggregate,
                        member);
                tc.run(List.of(TcScript.removeGuard(member)));
            }
        } catch (DataplaneException e) {
            // a member that is gone, or tc refusing to list: the guard set-up reports it if it matters
            LOG.debug("aggregate {}: member {} not checked for a leftover guard: {}", aggregate, member, e.getMessage());
        }
    }

    private RouteNetlink netlink() throws DataplaneException {
        if (rtnl == null) {
            try {
                rtnl = RouteNetlink.open();
            } catch (NetlinkException e) {
                throw new DataplaneException("tc dataplane: " + e.getMessage());
            }
        }
        return rtnl;
    }

    private static int ifindex(RouteNetlink netlink, String name) {
        try {
            return netlink.ifindex(name);
        } catch (NetlinkException e) {
            return 0; // the request then fails with the kernel's own reason
        }
    }

    /** Deletes the veth pair and the member qdiscs; reports, never throws (it runs on the way out). */
    private void undo(String name, List<String> guardedMembers) {
        created.removeIf(a -> a.name().equals(name));
        List<String> commands = new ArrayList<>();
        for (String m : guardedMembers) {
            commands.add(TcScript.removeGuard(m));
        }
        try {
            if (!commands.isEmpty()) {
                for (String problem : tc.runAll(commands)) {
                    LOG.warn("removing aggregate {}: tc: {}", name, problem);
                }
            }
            RouteNetlink netlink = netlink();
            int index = netlink.link(name).map(l -> l.ifindex()).orElse(0);
            if (index != 0) {
                netlink.execute(s -> LinkRequests.delete(index, s), "delete " + name);
            }
        } catch (NetlinkException | DataplaneException e) {
            LOG.warn("removing aggregate {}: {}", name, e.getMessage());
        }
    }
}
