package io.twinlink.agent.dataplane;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which distributing member each of the fixed hash slots sends to (pure; no tc here).
 *
 * <p>When the distributing set changes, only the slots that must move do: the slots of a
 * member that left go to the least loaded members; a member that joins takes slots from the
 * most loaded ones. Flows of members that stay keep their member, so a failure elsewhere
 * reorders none of their frames [802.1AX-2020 8.2: frame ordering within a conversation].
 */
final class SlotTable {

    private final String[] owner;

    SlotTable(int slots) {
        owner = new String[slots];
    }

    int size() {
        return owner.length;
    }

    /** The member of {@code slot}, empty when no member distributes. */
    Optional<String> owner(int slot) {
        return Optional.ofNullable(owner[slot]);
    }

    /**
     * Reassigns the slots to {@code distributing} (in configuration order, which breaks ties)
     * and returns the slots whose member changed, with their new member (empty: drop).
     */
    Map<Integer, Optional<String>> assign(List<String> distributing) {
        String[] before = owner.clone();
        if (distributing.isEmpty()) {
            Arrays.fill(owner, null);
        } else {
            for (int s = 0; s < owner.length; s++) {
                if (owner[s] != null && !distributing.contains(owner[s])) {
                    owner[s] = null;
                }
            }
            int floor = owner.length / distributing.size();
            int roomForOneMore = owner.length % distributing.size();
            Map<String, List<Integer>> held = held(distributing);
            // shed from the heaviest: nobody above floor+1, and only roomForOneMore at floor+1
            for (int i = distributing.size() - 1; i >= 0; i--) {
                List<Integer> slots = held.get(distributing.get(i));
                while (slots.size() > floor + 1) {
                    owner[slots.remove(slots.size() - 1)] = null;
                }
            }
            for (int i = distributing.size() - 1; i >= 0; i--) {
                List<Integer> slots = held.get(distributing.get(i));
                if (slots.size() == floor + 1 && countAbove(held, floor) > roomForOneMore) {
                    owner[slots.remove(slots.size() - 1)] = null;
                }
            }
            // the free slots go, lowest first, to the least loaded member (earliest on ties)
            for (int s = 0; s < owner.length; s++) {
                if (owner[s] == null) {
                    String lightest = distributing.get(0);
                    for (String m : distributing) {
                        if (held.get(m).size() < held.get(lightest).size()) {
                            lightest = m;
                        }
                    }
                    owner[s] = lightest;
                    held.get(lightest).add(s);
                }
            }
        }
        Map<Integer, Optional<String>> changed = new TreeMap<>();
        for (int s = 0; s < owner.length; s++) {
            if (!java.util.Objects.equals(before[s], owner[s])) {
                changed.put(s, Optional.ofNullable(owner[s]));
            }
        }
        return changed;
    }

    private Map<String, List<Integer>> held(List<String> members) {
        Map<String, List<Integer>> held = new HashMap<>();
        for (String m : members) {
            held.put(m, new ArrayList<>());
        }
        for (int s = 0; s < owner.length; s++) {
            if (owner[s] != null) {
                held.get(owner[s]).add(s);
            }
        }
        return held;
    }

    private static int countAbove(Map<String, List<Integer>> held, int floor) {
        int n = 0;
        for (List<Integer> slots : held.values()) {
            if (slots.size() > floor) {
                n++;
            }
        }
        return n;
    }
}
