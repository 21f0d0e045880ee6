package io.twinlink.agent.dataplane;

import io.twinlink.agent.netlink.LinkRequests;
import io.twinlink.agent.netlink.LinkState;
import io.twinlink.agent.netlink.NetlinkException;
import io.twinlink.agent.netlink.RouteNetlink;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dataplane: linux-bond}: the aggregate is a Linux bond in balance-xor mode with the
 * layer3+4 hash, created over rtnetlink; the agent runs LACP itself and enslaves a member
 * while the Mux machine has it collecting and distributing, releasing it otherwise, the way
 * teamd drives the team driver.
 *
 * <p>The bond has one switch per member (slave or not), so collecting and distributing cannot
 * be told apart: a member is enslaved only when both are on, which independent control
 * reaches one state later than it would with a switch for each.
 *
 * <p>Caution, from the bonding driver itself: it refuses to enslave an interface that is up
 * ("Device can not be enslaved while up"), so a member goes down for the moment of
 * enslaving, and a released slave is closed by the driver, so the agent sets it up again.
 * On a physical NIC such an admin-down can drop the link for the partner too; on veth and
 * tap it is a brief carrier change the LACP machines must ride through.
 */
public final class LinuxBondDataplane implements AggregationDataplane {

    public static final String NAME = "linux-bond";
    /** Lets the bond notice a dead member by itself between two agent decisions. */
    static final int MIIMON_MILLIS = 100;
    private static final int EOPNOTSUPP = 95;
    private static final int EEXIST = 17;
    private static final Logger LOG = LoggerFactory.getLogger(LinuxBondDataplane.class);

    private final List<Bond> created = new ArrayList<>();
    private RouteNetlink rtnl;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Aggregate createAggregate(String name, List<String> members) throws DataplaneException {
        List<String> list = MemberList.check(name, members);
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
            netlink.execute(s -> LinkRequests.createBalanceXorBond(name, MIIMON_MILLIS, s), "creating " + name);
        } catch (NetlinkException e) {
            if (e.errno() == EOPNOTSUPP) {
                throw new DataplaneException("linux-bond dataplane: the kernel has no bonding driver (" + e.getMessage()
                        + "); load it with \"modprobe bonding\" or use \"dataplane: tc\"");
            }
            String hint = e.errno() == EEXIST ? " (not made by twinlink: it has no twinlink mark; remove it with: ip link del "
                    + name + ")" : "";
            throw new DataplaneException("linux-bond dataplane: cannot create bond " + name + ": " + e.getMessage() + hint);
        }
        Bond bond = new Bond(name, list);
        try {
            // marked at once: a crash from here on leaves something the next run can recognise
            int index = netlink.ifindex(name);
            netlink.execute(s -> LinkRequests.setAlias(index, AggregateMark.ours(NAME, list).alias(), s), "mark " + name);
            bond.setAdminUp(name, true);
        } catch (NetlinkException e) {
            bond.remove();
            throw new DataplaneException("linux-bond dataplane: cannot mark bond " + name + ": " + e.getMessage());
        } catch (DataplaneException e) {
            bond.remove();
            throw e;
        }
        created.add(bond);
        LOG.info("aggregate {} created (bond balance-xor layer3+4, members {})", name, list);
        return bond;
    }

    @Override
    public void close() {
        for (Bond b : List.copyOf(created)) {
            b.remove();
        }
        created.clear();
        if (rtnl != null) {
            rtnl.close();
            rtnl = null;
        }
    }

    /**
     * A bond of this name with our mark ({@link AggregateMark}) whose agent is gone was left by
     * a twinlink that did not stop cleanly: its slaves are released and set up again (the
     * driver closes a released slave), and it is deleted. If its agent still runs this one
     * refuses to start; an unmarked bond is someone else's and stays.
     */
    private void removeLeftover(RouteNetlink netlink, String name) throws DataplaneException {
        try {
            Optional<LinkState> existing = netlink.link(name);
            Optional<AggregateMark> mark = AggregateMark.leftBehind(existing, "bond " + name);
            if (mark.isEmpty()) {
                return;
            }
            int bond = existing.get().ifindex();
            List<LinkState> slaves = netlink.links().stream().filter(l -> l.master() == bond).toList();
            LOG.info("bond {} left by twinlink pid {}, which did not stop cleanly: releasing {} and removing it", name,
                    mark.get().pid(), slaves.stream().map(LinkState::name).toList());
            for (LinkState slave : slaves) {
                netlink.execute(s -> LinkRequests.setMaster(slave.ifindex(), 0, s), "release " + slave.name());
                netlink.execute(s -> LinkRequests.setAdminUp(slave.ifindex(), true, s), "set " + slave.name() + " up");
            }
            netlink.execute(s -> LinkRequests.delete(bond, s), "delete leftover " + name);
        } catch (NetlinkException e) {
            throw new DataplaneException("linux-bond dataplane: cannot remove leftover bond " + name + ": " + e.getMessage());
        }
    }

    private RouteNetlink netlink() throws DataplaneException {
        if (rtnl == null) {
            try {
                rtnl = RouteNetlink.open();
            } catch (NetlinkException e) {
                throw new DataplaneException("linux-bond dataplane: " + e.getMessage());
            }
        }
        return rtnl;
    }

    private final class Bond implements Aggregate {
        private final String name;
        private final List<String> members;
        private final Set<String> collecting = new LinkedHashSet<>();
        private final Set<String> distributing = new LinkedHashSet<>();
        private final Set<String> enslaved = new LinkedHashSet<>();
        private boolean removed;

        Bond(String name, List<String> members) {
            this.name = name;
            this.members = members;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> members() {
            return members;
        }

        @Override
        public void setCollecting(String member, boolean enabled) throws DataplaneException {
            check(member);
            flip(collecting, member, enabled);
            follow(member);
        }

        @Override
        public void setDistributing(String member, boolean enabled) throws DataplaneException {
            check(member);
            flip(distributing, member, enabled);
            follow(member);
        }

        @Override
        public boolean isCollecting(String member) {
            return collecting.contains(member);
        }

        @Override
        public boolean isDistributing(String member) {
            return distributing.contains(member);
        }

        @Override
        public void remove() {
            if (removed) {
                return;
            }
            removed = true;
            created.remove(this);
            for (String m : List.copyOf(enslaved)) {
                try {
                    release(m);
                } catch (DataplaneException e) {
                    LOG.warn("removing aggregate {}: {}", name, e.getMessage());
                }
            }
            try {
                RouteNetlink netlink = netlink();
                Optional<LinkState> bond = netlink.link(name);
                if (bond.isPresent()) {
                    int index = bond.get().ifindex();
                    netlink.execute(s -> LinkRequests.delete(index, s), "delete " + name);
                }
            } catch (NetlinkException | DataplaneException e) {
                LOG.warn("removing aggregate {}: {}", name, e.getMessage());
            }
        }

        /** Enslaved exactly while collecting and distributing. */
        private void follow(String member) throws DataplaneException {
            boolean want = collecting.contains(member) && distributing.contains(member);
            if (want && !enslaved.contains(member)) {
                enslave(member);
            } else if (!want && enslaved.contains(member)) {
                release(member);
            }
        }

        private void enslave(String member) throws DataplaneException {
            try {
                RouteNetlink netlink = netlink();
                LinkState m = netlink.link(member).orElseThrow(() -> new NetlinkException("no such interface", 19));
                int bond = netlink.ifindex(name);
                if (m.adminUp()) {
                    setAdminUp(member, false); // the driver refuses members that are up
                }
                netlink.execute(s -> LinkRequests.setMaster(m.ifindex(), bond, s), "enslave " + member + " to " + name);
                enslaved.add(member);
            } catch (NetlinkException e) {
                throw new DataplaneException("aggregate " + name + ": cannot enslave " + member + ": " + e.getMessage());
            }
        }

        private void release(String member) throws DataplaneException {
            try {
                RouteNetlink netlink = netlink();
                int index = netlink.ifindex(member);
                netlink.execute(s -> LinkRequests.setMaster(index, 0, s), "release " + member + " from " + name);
                enslaved.remove(member);
                setAdminUp(member, true); // the driver closed it; LACPDUs must keep flowing
            } catch (NetlinkException e) {
                throw new DataplaneException("aggregate " + name + ": cannot release " + member + ": " + e.getMessage());
            }
        }

        void setAdminUp(String link, boolean up) throws DataplaneException {
            try {
                RouteNetlink netlink = netlink();
                int index = netlink.ifindex(link);
                netlink.execute(s -> LinkRequests.setAdminUp(index, up, s), "set " + link + (up ? " up" : " down"));
            } catch (NetlinkException e) {
                throw new DataplaneException("aggregate " + name + ": " + e.getMessage());
            }
        }

        private void check(String member) throws DataplaneException {
            if (removed) {
                throw new DataplaneException("aggregate " + name + " was removed");
            }
            MemberList.require(name, members, member);
        }

        private static void flip(Set<String> set, String member, boolean on) {
            if (on) {
                set.add(member);
            } else {
                set.remove(member);
            }
        }
    }
}
