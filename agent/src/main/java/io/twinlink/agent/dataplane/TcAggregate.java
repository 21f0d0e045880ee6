package io.twinlink.agent.dataplane;

import io.twinlink.agent.netlink.FilterRequests;
import io.twinlink.agent.netlink.NetlinkException;
import io.twinlink.agent.netlink.RouteNetlink;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One aggregate of the {@code tc} data plane: the member switches become filter changes sent
 * over rtnetlink (no process start: a member failure is the path where time counts).
 * Thread-safe, so that a carrier loss can be acted on from the link monitor's thread without
 * waiting for the event loop to be scheduled.
 */
final class TcAggregate implements Aggregate {

    private static final Logger LOG = LoggerFactory.getLogger(TcAggregate.class);

    private static final int ENOENT = 2;

    private final String name;
    private final String dp;
    private final List<String> members;
    private final RouteNetlink rtnl;
    private final int dpIndex;
    private final Map<String, Integer> memberIndex;
    private final BiConsumer<String, List<String>> undo;
    private final Set<String> collecting = new LinkedHashSet<>();
    private final Set<String> distributing = new LinkedHashSet<>();
    private final SlotTable slots = new SlotTable(TcScript.SLOTS);
    /** False after a failed change: the kernel's slots may differ from {@link #slots}. */
    private boolean slotsKnown = true;
    private boolean removed;

    TcAggregate(String name, String dp, List<String> members, RouteNetlink rtnl, int dpIndex,
                Map<String, Integer> memberIndex, BiConsumer<String, List<String>> undo) {
        this.name = name;
        this.dp = dp;
        this.members = members;
        this.rtnl = rtnl;
        this.dpIndex = dpIndex;
        this.memberIndex = Map.copyOf(memberIndex);
        this.undo = undo;
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
    public synchronized void setCollecting(String member, boolean enabled) throws DataplaneException {
        change(member, enabled ? "collecting" : "not collecting", steps -> collecting(member, enabled, steps));
    }

    @Override
    public synchronized void setDistributing(String member, boolean enabled) throws DataplaneException {
        change(member, enabled ? "distributing" : "not distributing", steps -> distributing(member, enabled, steps));
    }

    @Override
    public synchronized void setCollectingDistributing(String member, boolean enabled) throws DataplaneException {
        change(member, enabled ? "collecting and distributing" : "neither collecting nor distributing", steps -> {
            if (enabled) {
                collecting(member, true, steps);
                distributing(member, true, steps);
            } else {
                distributing(member, false, steps);
                collecting(member, false, steps);
            }
        });
    }

    @Override
    public synchronized boolean isCollecting(String member) {
        return collecting.contains(member);
    }

    @Override
    public synchronized boolean isDistributing(String member) {
        return distributing.contains(member);
    }

    /** The member each hash slot sends to (empty: dropped), for {@code show} and tests. */
    public synchronized List<Optional<String>> slots() {
        List<Optional<String>> out = new ArrayList<>();
        for (int s = 0; s < slots.size(); s++) {
            out.add(slots.owner(s));
        }
        return out;
    }

    @Override
    public synchronized void remove() {
        if (!removed) {
            removed = true;
            undo.accept(name, members);
            LOG.info("aggregate {} removed", name);
        }
    }

    /** One filter change: what it does in words (for errors), and the request. */
    private record Step(String what, RouteNetlink.RequestFactory request) {
    }

    private void collecting(String member, boolean on, List<Step> steps) {
        int m = memberIndex.get(member);
        if (on && collecting.add(member)) {
            steps.add(new Step("redirect " + member + " to " + dp,
                    s -> FilterRequests.addRedirect(m, TcScript.PRIO_HASH, TcScript.COLLECT_MATCH_OFFSET, dpIndex, s)));
        } else if (!on && collecting.remove(member)) {
            steps.add(new Step("stop redirecting " + member, s -> FilterRequests.deletePriority(m, TcScript.PRIO_HASH, s)));
        }
    }

    private void distributing(String member, boolean on, List<Step> steps) throws DataplaneException {
        boolean changed = on ? distributing.add(member) : distributing.remove(member);
        if (!changed && slotsKnown) {
            return;
        }
        List<String> inOrder = members.stream().filter(distributing::contains).toList();
        Map<Integer, Optional<String>> moved = slots.assign(inOrder);
        if (!slotsKnown) {
            // after a failure nobody knows which slots the kernel holds: clear all, rebuild all
            for (int s = 0; s < slots.size(); s++) {
                try {
                    int handle = slotHandle(s);
                    rtnl.execute(seq -> FilterRequests.deleteU32(dpIndex, TcScript.PRIO_HASH, handle, seq), "empty slot " + s);
                } catch (NetlinkException e) {
                    if (e.errno() != ENOENT) {
                        throw new DataplaneException(e.getMessage());
                    }
                }
            }
            for (int s = 0; s < slots.size(); s++) {
                final int slot = s;
                slots.owner(s).ifPresent(to -> steps.add(point(slot, to)));
            }
            slotsKnown = true;
            return;
        }
        moved.forEach((slot, to) -> steps.add(to.isPresent() ? point(slot, to.get()) : empty(slot)));
    }

    private Step point(int slot, String member) {
        int handle = slotHandle(slot);
        int m = memberIndex.get(member);
        return new Step("point slot " + slot + " at " + member,
                s -> FilterRequests.replaceRedirect(dpIndex, TcScript.PRIO_HASH, handle, m, s));
    }

    private Step empty(int slot) {
        int handle = slotHandle(slot);
        return new Step("empty slot " + slot, s -> FilterRequests.deleteU32(dpIndex, TcScript.PRIO_HASH, handle, s));
    }

    private static int slotHandle(int slot) {
        return FilterRequests.u32Handle(TcScript.TABLE_SLOT + slot, 0, 1);
    }

    @FunctionalInterface
    private interface Plan {
        void add(List<Step> steps) throws DataplaneException;
    }

    /** Plans the steps, sends them, and on failure forgets the change so a retry redoes it. */
    private void change(String member, String state, Plan plan) throws DataplaneException {
        check(member);
        Set<String> collectingBefore = new LinkedHashSet<>(collecting);
        Set<String> distributingBefore = new LinkedHashSet<>(distributing);
        List<Step> steps = new ArrayList<>();
        try {
            plan.add(steps);
            for (Step step : steps) {
                try {
                    rtnl.execute(step.request(), step.what());
                } catch (NetlinkException e) {
                    throw new DataplaneException(e.getMessage());
                }
            }
        } catch (DataplaneException e) {
            collecting.clear();
            collecting.addAll(collectingBefore);
            distributing.clear();
            distributing.addAll(distributingBefore);
            slotsKnown = false;
            throw new DataplaneException("aggregate " + name + ": cannot make " + member + " " + state + ": " + e.getMessage());
        }
        if (!steps.isEmpty()) {
            LOG.debug("aggregate {}: {} {}", name, member, state);
        }
    }

    private void check(String member) throws DataplaneException {
        if (removed) {
            throw new DataplaneException("aggregate " + name + " was removed");
        }
        MemberList.require(name, members, member);
    }
}
