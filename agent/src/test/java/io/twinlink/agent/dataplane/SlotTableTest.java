package io.twinlink.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotTableTest {

    private final SlotTable table = new SlotTable(16);

    @Test
    void twoMembersAlternate() {
        Map<Integer, Optional<String>> changed = table.assign(List.of("m1", "m2"));
        assertThat(changed).hasSize(16);
        assertThat(owners()).containsExactly("m1", "m2", "m1", "m2", "m1", "m2", "m1", "m2",
                "m1", "m2", "m1", "m2", "m1", "m2", "m1", "m2");
    }

    @Test
    void aLeavingMemberMovesOnlyItsOwnSlots() {
        table.assign(List.of("m1", "m2"));
        Map<Integer, Optional<String>> changed = table.assign(List.of("m2"));
        assertThat(changed.keySet()).containsExactly(0, 2, 4, 6, 8, 10, 12, 14);
        assertThat(changed.values()).containsOnly(Optional.of("m2"));
    }

    @Test
    void aReturningMemberTakesHalfBack() {
        table.assign(List.of("m2"));
        Map<Integer, Optional<String>> changed = table.assign(List.of("m1", "m2"));
        assertThat(changed).hasSize(8).containsValue(Optional.of("m1")).doesNotContainValue(Optional.of("m2"));
        assertThat(load()).containsEntry("m1", 8).containsEntry("m2", 8);
    }

    @Test
    void threeMembersSplitSixFiveFive() {
        table.assign(List.of("m1", "m2"));
        Map<Integer, Optional<String>> changed = table.assign(List.of("m1", "m2", "m3"));
        assertThat(changed).hasSize(5);
        assertThat(changed.values()).containsOnly(Optional.of("m3"));
        assertThat(load()).containsEntry("m1", 6).containsEntry("m2", 5).containsEntry("m3", 5);
    }

    @Test
    void noMemberEmptiesEverySlot() {
        table.assign(List.of("m1", "m2"));
        Map<Integer, Optional<String>> changed = table.assign(List.of());
        assertThat(changed).hasSize(16);
        assertThat(changed.values()).containsOnly(Optional.empty());
        assertThat(table.assign(List.of())).isEmpty();
    }

    @Test
    void sameSetChangesNothing() {
        table.assign(List.of("m1", "m2", "m3"));
        assertThat(table.assign(List.of("m1", "m2", "m3"))).isEmpty();
    }

    /** Random walks over member sets: always balanced, and survivors of a removal never move. */
    @Test
    void balancedAndMinimalOverRandomChanges() {
        List<String> all = List.of("a", "b", "c", "d", "e");
        Random random = new Random(802_1);
        for (int run = 0; run < 2000; run++) {
            List<String> next = new ArrayList<>();
            for (String m : all) {
                if (random.nextInt(3) > 0) {
                    next.add(m);
                }
            }
            List<Optional<String>> before = ownersRaw();
            List<String> previous = before.stream().flatMap(Optional::stream).distinct().toList();
            table.assign(next);
            List<Optional<String>> after = ownersRaw();

            if (next.isEmpty()) {
                assertThat(after).containsOnly(Optional.empty());
                continue;
            }
            assertThat(after).doesNotContain(Optional.empty());
            assertThat(after.stream().map(Optional::get)).allMatch(next::contains);
            Map<String, Integer> load = load();
            int max = next.stream().mapToInt(m -> load.getOrDefault(m, 0)).max().orElseThrow();
            int min = next.stream().mapToInt(m -> load.getOrDefault(m, 0)).min().orElseThrow();
            assertThat(max - min).as("balance for %s", next).isLessThanOrEqualTo(1);
            if (previous.containsAll(next)) {
                // only removals: a survivor keeps every slot it had
                for (int s = 0; s < 16; s++) {
                    if (before.get(s).isPresent() && next.contains(before.get(s).get())) {
                        assertThat(after.get(s)).isEqualTo(before.get(s));
                    }
                }
            }
        }
    }

    private List<String> owners() {
        return ownersRaw().stream().map(o -> o.orElse("-")).toList();
    }

    private List<Optional<String>> ownersRaw() {
        List<Optional<String>> out = new ArrayList<>();
        for (int s = 0; s < table.size(); s++) {
            out.add(table.owner(s));
        }
        return out;
    }

    private Map<String, Integer> load() {
        Map<String, Integer> load = new HashMap<>();
        for (int s = 0; s < table.size(); s++) {
            table.owner(s).ifPresent(m -> load.merge(m, 1, Integer::sum));
        }
        return load;
    }
}
