package io.twinlink.agent.control;

import io.twinlink.agent.netlink.Duplex;
import io.twinlink.lacp.LacpSystem;
import io.twinlink.lacp.MuxMachine;
import io.twinlink.lacp.Selected;
import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.LacpPortState;
import io.twinlink.wire.MacAddress;
import java.util.List;

/** Fixed state for tests of everything that shows state: one busy bundle, one empty one. */
public final class Snapshots {

    private Snapshots() {
    }

    public static final MacAddress OURS = MacAddress.parse("02:00:00:00:00:01");
    public static final MacAddress PARTNER = MacAddress.parse("02:00:00:00:00:99");

    public static LacpSnapshot lacp() {
        MemberSnapshot eth1 = new MemberSnapshot("eth1", 1, Selected.SELECTED, MuxMachine.State.COLLECTING_DISTRIBUTING,
                new LacpInfo(32768, OURS, 10, 32768, 1, LacpPortState.of(0x3f)),
                new LacpInfo(65535, PARTNER, 33, 255, 2, LacpPortState.of(0x3d)),
                new PortStats(120, 121, 1, 1, 0, 0, 0, 0));
        MemberSnapshot eth2 = new MemberSnapshot("eth2", 2, Selected.STANDBY, MuxMachine.State.WAITING,
                new LacpInfo(32768, OURS, 10, 32768, 2, LacpPortState.of(0x07)),
                new LacpInfo(0, MacAddress.ZERO, 0, 0, 0, LacpPortState.of(0x42)),
                new PortStats(0, 5, 0, 0, 3, 2, 0, 0));
        return new LacpSnapshot(new LacpSystem(32768, OURS), List.of(
                new AggregatorSnapshot("bond0", 10, PARTNER, true, List.of(eth1, eth2)),
                new AggregatorSnapshot("bond1", 11, MacAddress.ZERO, false, List.of())));
    }

    public static PortsSnapshot ports() {
        return new PortsSnapshot(List.of(
                new PortSnapshot("eth1", 3, MacAddress.parse("02:00:00:00:01:01"), Carrier.UP, 10000L, Duplex.FULL,
                        "bond0", MuxMachine.State.COLLECTING_DISTRIBUTING, 121, 122, 0),
                new PortSnapshot("eth2", 4, MacAddress.parse("02:00:00:00:01:02"), Carrier.DOWN, null, Duplex.UNKNOWN,
                        "bond0", MuxMachine.State.WAITING, 5, 5, 2, 48_000, 250, 9),
                new PortSnapshot("eth3", 12, MacAddress.parse("02:00:00:00:01:03"), Carrier.UP, 1000L, Duplex.HALF,
                        null, null, 7, 8, 0)));
    }
}
