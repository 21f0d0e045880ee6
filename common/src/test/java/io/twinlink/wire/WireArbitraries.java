package io.twinlink.wire;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random valid values of every wire type, for the round-trip properties. */
final class WireArbitraries {

    private WireArbitraries() {
    }

    static Arbitrary<MacAddress> macs() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFF_FFFFL).map(MacAddress::of);
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    static Arbitrary<LacpInfo> lacpInfos() {
        return Combinators.combine(u16(), macs(), u16(), u16(), u16(),
                Arbitraries.integers().between(0, 0xFF).map(LacpPortState::of)).as(LacpInfo::new);
    }

    static Arbitrary<Lacpdu> lacpdus() {
        return Combinators.combine(lacpInfos(), lacpInfos(), u16()).as(Lacpdu::new);
    }

    static Arbitrary<MarkerPdu> markers() {
        return Combinators.combine(Arbitraries.of(MarkerPdu.Tlv.class), u16(), macs(),
                Arbitraries.longs().between(0, 0xFFFF_FFFFL))
                .as((tlv, port, system, txn) -> new MarkerPdu(MarkerPdu.VERSION, tlv, port, system, txn));
    }

    static Arbitrary<BridgeId> bridgeIds() {
        return Combinators.combine(Arbitraries.integers().between(0, 15).map(p -> p * BridgeId.PRIORITY_STEP),
                Arbitraries.integers().between(0, BridgeId.MAX_SYSTEM_ID_EXTENSION), macs()).as(BridgeId::new);
    }

    static Arbitrary<PortId> portIds() {
        return u16().map(PortId::of);
    }

    static Arbitrary<BpduTimes> times() {
        return Combinators.combine(u16(), u16(), u16(), u16()).as(BpduTimes::new);
    }

    static Arbitrary<Long> costs() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }

    static Arbitrary<ConfigBpdu> configBpdus() {
        Arbitrary<BpduFlags> configFlags = Arbitraries.of(0, 0x01, 0x80, 0x81).map(BpduFlags::of);
        return Combinators.combine(configFlags, bridgeIds(), costs(), bridgeIds(), portIds(), times())
                .as(ConfigBpdu::new);
    }

    static Arbitrary<RstBpdu> rstBpdus() {
        Arbitrary<BpduFlags> flags = Arbitraries.integers().between(0, 0xFF).map(BpduFlags::of);
        return Combinators.combine(flags, bridgeIds(), costs(), bridgeIds(), portIds(), times()).as(RstBpdu::new);
    }
}
