package io.twinlink.agent.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One aggregate of the {@code tc} data plane: the member switches become tc filter changes. */
final class TcAggregate implements Aggregate {

    private static final Logger LOG = LoggerFactory.getLogger(TcAggregate.class);

    private final String name;
    private final String dp;
    private final List<String> members;
    private final TcBatch tc;
    private final BiConsumer<String, List<String>> undo;
    private final Set<String> collecting = new LinkedHashSet<>();
    private final Set<String> distributing = new LinkedHashSet<>();
    private final SlotTable slots = new SlotTable(TcScript.SLOTS);
    /** False after a failed change: the kernel's slots may differ from {@link #slots}. */
    private boolean slotsKnown = true;
    private boolean removed;

    TcAggregate(String name, String dp, List<String> members, TcBatch tc, BiConsumer<String, List<String>> undo) {
        this.name = name;
        this.dp = dp;
        this.members = members;
        this.tc = tc;
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
    public void setCollecting(String member, boolean enabled) throws DataplaneException {
        change(member, enabled ? "collecting" : "not collecting", commands -> collecting(member, enabled, commands));
    }

    @Override
    public void setDistributing(String member, boolean enabled) throws DataplaneException {
        change(member, enabled ? "distributing" : "not distributing", commands -> distributing(member, enabled, commands));
    }

    /** One tc process for both switches: this is the member-failure path, where time counts. */
    @Override
    public void setCollectingDistributing(String member, boolean enabled) throws DataplaneException {
        change(member, enabled ? "collecting and distributing" : "neither collecting nor distributing", commands -> {
            if (enabled) {
                collecting(member, true, commands);
                distributing(member, true, commands);
            } else {
                distributing(member, false, commands);
                collecting(member, false, commands);
            }
        });
    }

    @Override
    public boolean isCollecting(String member) {
        return collecting.contains(member);
    }

    @Override
    public boolean isDistributing(String member) {
        return distributing.contains(member);
    }

    /** The member each hash slot sends to (empty: dropped), for {@code show} and tests. */
    public List<Optional<String>> slots() {
        List<Optional<String>> out = new ArrayList<>();
        for (int s = 0; s < slots.size(); s++) {
            out.add(slots.owner(s));
        }
        return out;
    }

    @Override
    public void remove() {
        if (!removed) {
            removed = true;
            undo.accept(name, members);
            LOG.info("aggregate {} removed", name);
        }
    }

    private void collecting(String member, boolean on, List<String> commands) {
        if (on && collecting.add(member)) {
            commands.add(TcScript.collect(member, dp));
        } else if (!on && collecting.remove(member)) {
            commands.add(TcScript.stopCollecting(member));
        }
    }

    private void distributing(String member, boolean on, List<String> commands) throws DataplaneException {
        boolean changed = on ? distributing.add(member) : distributing.remove(member);
        if (!changed && slotsKnown) {
            return;
        }
        List<String> inOrder = members.stream().filter(distributing::contains).toList();
        Map<Integer, Optional<String>> moved = slots.assign(inOrder);
        if (!slotsKnown) {
            // after a failure nobody knows which slots the kernel holds: clear all, rebuild all
            List<String> clear = new ArrayList<>();
            for (int s = 0; s < slots.size(); s++) {
                clear.add(TcScript.emptySlot(dp, s));
            }
            tc.runAll(clear); // "not found" for slots already empty is expected
            for (int s = 0; s < slots.size(); s++) {
                final int slot = s;
                slots.owner(s).ifPresent(m -> commands.add(TcScript.pointSlot(dp, slot, m)));
            }
            slotsKnown = true;
            return;
        }
        moved.forEach((slot, to) -> commands.add(to.isPresent()
                ? TcScript.pointSlot(dp, slot, to.get())
                : TcScript.emptySlot(dp, slot)));
    }

    @FunctionalInterface
    private interface Plan {
        void add(List<String> commands) throws DataplaneException;
    }

    /** Plans the commands, runs them, and on failure forgets the change so a retry redoes it. */
    private void change(String member, String state, Plan plan) throws DataplaneException {
        check(member);
        Set<String> collectingBefore = new LinkedHashSet<>(collecting);
        Set<String> distributingBefore = new LinkedHashSet<>(distributing);
        List<String> commands = new ArrayList<>();
        try {
            plan.add(commands);
            if (!commands.isEmpty()) {
                tc.run(commands);
            }
        } catch (DataplaneException e) {
            collecting.clear();
            collecting.addAll(collectingBefore);
            distributing.clear();
            distributing.addAll(distributingBefore);
            slotsKnown = false;
            throw new DataplaneException("aggregate " + name + ": cannot make " + member + " " + state + ": " + e.getMessage());
        }
        if (!commands.isEmpty()) {
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
