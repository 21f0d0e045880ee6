package io.twinlink.agent.dataplane;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code dataplane: none}: the agent negotiates LACP and reports, but touches no interface
 * (monitoring a link, tests). It remembers what the Mux machine asked for, so {@code show}
 * still tells the truth about the protocol.
 */
public final class NoDataplane implements AggregationDataplane {

    public static final String NAME = "none";

    private final List<Aggregate> created = new ArrayList<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Aggregate createAggregate(String name, List<String> members) throws DataplaneException {
        Aggregate a = new Remembered(name, MemberList.check(name, members));
        created.add(a);
        return a;
    }

    @Override
    public void close() {
        created.clear();
    }

    private static final class Remembered implements Aggregate {
        private final String name;
        private final List<String> members;
        private final Set<String> collecting = new HashSet<>();
        private final Set<String> distributing = new HashSet<>();

        Remembered(String name, List<String> members) {
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
            MemberList.require(name, members, member);
            flip(collecting, member, enabled);
        }

        @Override
        public void setDistributing(String member, boolean enabled) throws DataplaneException {
            MemberList.require(name, members, member);
            flip(distributing, member, enabled);
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
            collecting.clear();
            distributing.clear();
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
