package io.twinlink.mlag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MalformedPduException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The peer-link message format (PeerMessageCodec's layout): golden bytes both ways, truncation, versions, round trips. */
class PeerMessageCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final NodeId NODE = new NodeId(100, MacAddress.parse("02:00:00:00:00:01"));

    static final Hello HELLO = new Hello(1, 1, 32768, MacAddress.parse("02:00:00:00:00:aa"), NODE,
            PortNumbering.UPPER_HALF, SpanningTreeMode.RSTP, List.of(new BundleProfile(10, 10, 2, true), new BundleProfile(20, 300, 1, false)));
    static final String HELLO_HEX = "01010026" + "0001" + "8000" + "0200000000aa" + "0064" + "020000000001" + "02" + "01"
            + "0002" + "000a000a00020100" + "0014012c00010000";
    static final Heartbeat HEARTBEAT = new Heartbeat(0x01020304L, Role.PRIMARY, 123456);
    static final String HEARTBEAT_HEX = "0102000e" + "01020304" + "01" + "00" + "000000000001e240";
    static final BundleState BUNDLE_STATE = new BundleState(10, true, false);
    static final String BUNDLE_STATE_HEX = "01030004" + "000a" + "01" + "00";
    static final MacSync MAC_SYNC = new MacSync(List.of(new MacEntry(MacAddress.parse("02:00:00:00:00:01"), 0, 10)),
            List.of(new MacEntry(MacAddress.parse("02:00:00:00:00:02"), 100, 20)));
    static final String MAC_SYNC_HEX = "01040018" + "0001" + "0001" + "020000000001" + "0000" + "000a"
            + "020000000002" + "0064" + "0014";
    static final Keepalive KEEPALIVE = new Keepalive(1, NODE, Role.SECONDARY);
    static final String KEEPALIVE_HEX = "0105000c" + "0001" + "0064" + "020000000001" + "02" + "00";

    private static final List<PeerMessage> GOLDEN = List.of(HELLO, HEARTBEAT, BUNDLE_STATE, MAC_SYNC, KEEPALIVE);
    private static final List<String> GOLDEN_HEX = List.of(HELLO_HEX, HEARTBEAT_HEX, BUNDLE_STATE_HEX, MAC_SYNC_HEX,
            KEEPALIVE_HEX);

    private static PeerMessage decode(byte[] bytes) throws MalformedPduException {
        return PeerMessageCodec.decode(ByteBuffer.wrap(bytes));
    }

    @Test
    @DisplayName("each message type encodes to its golden bytes and decodes back")
    void golden() throws MalformedPduException {
        for (int i = 0; i < GOLDEN.size(); i++) {
            assertThat(HEX.formatHex(PeerMessageCodec.encode(GOLDEN.get(i)))).isEqualTo(GOLDEN_HEX.get(i));
            assertThat(decode(HEX.parseHex(GOLDEN_HEX.get(i)))).isEqualTo(GOLDEN.get(i));
        }
    }

    @Test
    @DisplayName("decoding starts at the buffer's position and leaves it there")
    void decodesFromPosition() throws MalformedPduException {
        byte[] msg = HEX.parseHex(HEARTBEAT_HEX);
        ByteBuffer buf = ByteBuffer.allocate(msg.length + 3);
        buf.position(3);
        buf.put(msg).position(3);
        assertThat(PeerMessageCodec.decode(buf)).isEqualTo(HEARTBEAT);
        assertThat(buf.position()).isEqualTo(3);
    }

    @Test
    @DisplayName("every truncated prefix of every golden message fails with an offset, never another exception")
    void truncatedPrefixes() {
        for (String hex : GOLDEN_HEX) {
            byte[] full = HEX.parseHex(hex);
            for (int n = 0; n < full.length; n++) {
                byte[] prefix = Arrays.copyOf(full, n);
                assertThatThrownBy(() -> decode(prefix)).as("prefix of %d octets of %s", n, hex)
                        .isInstanceOf(MalformedPduException.class)
                        .satisfies(e -> assertThat(((MalformedPduException) e).offset()).isBetween(0, full.length));
            }
        }
    }

    @Test
    @DisplayName("the header's length must match the octets received")
    void lengthChecked() {
        byte[] longer = Arrays.copyOf(HEX.parseHex(BUNDLE_STATE_HEX), 9);
        assertThatThrownBy(() -> decode(longer)).isInstanceOf(MalformedPduException.class)
                .hasMessage("body length 4 but 5 octets follow the header at offset 2");
    }

    @Test
    @DisplayName("unknown message types and version 0 are rejected cleanly")
    void unknownTypeAndVersionZero() {
        byte[] unknown = HEX.parseHex("01090000");
        assertThatThrownBy(() -> decode(unknown)).isInstanceOf(MalformedPduException.class)
                .hasMessage("unknown peer-link message type 9 at offset 1");
        byte[] v0 = HEX.parseHex("00030004000a0100");
        assertThatThrownBy(() -> decode(v0)).hasMessageContaining("version 0");
    }

    @Test
    @DisplayName("a version 1 body with extra octets is malformed; a later version may append fields, which are ignored")
    void versions() throws MalformedPduException {
        byte[] v1Longer = HEX.parseHex("01030005000a010000");
        assertThatThrownBy(() -> decode(v1Longer)).isInstanceOf(MalformedPduException.class)
                .hasMessageContaining("too many for version 1");
        assertThat(decode(HEX.parseHex("02030006000a0100ffff"))).isEqualTo(BUNDLE_STATE);
        Hello v2 = (Hello) decode(HEX.parseHex("02010028" + HELLO_HEX.substring(8) + "abcd"));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.bundles()).isEqualTo(HELLO.bundles());
    }

    @Test
    @DisplayName("bad field values are refused with the offset of the field")
    void badFields() {
        byte[] badRole = HEX.parseHex(HEARTBEAT_HEX);
        badRole[8] = 9;
        assertThatThrownBy(() -> decode(badRole)).hasMessage("unknown role 9 at offset 8");
        byte[] badStp = HEX.parseHex(HELLO_HEX);
        badStp[22] = 7;
        assertThatThrownBy(() -> decode(badStp)).hasMessage("unknown STP mode 7 at offset 22");
        byte[] dupBundle = HEX.parseHex(HELLO_HEX.replace("0014012c", "000a012c"));
        assertThatThrownBy(() -> decode(dupBundle)).hasMessage("mlag-id 10 listed twice at offset 34");
        byte[] badVlan = HEX.parseHex(MAC_SYNC_HEX.replace("0064", "1000"));
        assertThatThrownBy(() -> decode(badVlan)).hasMessage("VLAN 4096 out of range at offset 24");
        byte[] bundleCountTooLarge = HEX.parseHex(HELLO_HEX);
        bundleCountTooLarge[25] = 3;
        assertThatThrownBy(() -> decode(bundleCountTooLarge)).isInstanceOf(MalformedPduException.class)
                .hasMessageContaining("truncated hello with 3 bundles");
    }

    @Property(tries = 500)
    void roundTrip(@ForAll("messages") PeerMessage message) throws MalformedPduException {
        byte[] bytes = PeerMessageCodec.encode(message);
        assertThat(decode(bytes)).isEqualTo(message);
        assertThat(bytes.length).isLessThanOrEqualTo(PeerMessageCodec.HEADER_LENGTH + PeerMessageCodec.MAX_BODY_LENGTH);
    }

    @Property(tries = 2000)
    void garbageNeverThrowsAnythingElse(@ForAll byte[] garbage) {
        try {
            decode(garbage);
        } catch (MalformedPduException expected) {
            assertThat(expected.offset()).isBetween(0, Math.max(4, garbage.length));
        }
    }

    @Provide
    Arbitrary<PeerMessage> messages() {
        Arbitrary<MacAddress> macs = Arbitraries.longs().between(0, 0xFFFF_FFFF_FFFFL).map(MacAddress::of);
        Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xFFFF);
        Arbitrary<Integer> id = Arbitraries.integers().between(1, 0xFFFF);
        Arbitrary<NodeId> nodes = Combinators.combine(u16, macs).as(NodeId::new);
        Arbitrary<Role> roles = Arbitraries.of(Role.class);
        Arbitrary<BundleProfile> profile = Combinators.combine(id, id, u16, Arbitraries.of(true, false))
                .as(BundleProfile::new);
        Arbitrary<Hello> hellos = Combinators.combine(Arbitraries.integers().between(1, 255), u16, u16, macs, nodes,
                        Arbitraries.of(PortNumbering.LOWER_HALF, PortNumbering.UPPER_HALF),
                        Arbitraries.of(SpanningTreeMode.class),
                        profile.list().ofMaxSize(20).uniqueElements(BundleProfile::mlagId))
                .as(Hello::new);
        Arbitrary<Heartbeat> heartbeats = Combinators.combine(Arbitraries.longs().between(0, 0xFFFF_FFFFL), roles,
                Arbitraries.longs().between(0, Long.MAX_VALUE)).as(Heartbeat::new);
        Arbitrary<BundleState> states = Combinators.combine(id, Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(BundleState::new);
        Arbitrary<MacEntry> entries = Combinators.combine(macs, Arbitraries.integers().between(0, 4095), id)
                .as(MacEntry::new);
        Arbitrary<MacSync> syncs = Combinators.combine(entries.list().ofMaxSize(30), entries.list().ofMaxSize(30))
                .as(MacSync::new);
        Arbitrary<Keepalive> keepalives = Combinators.combine(u16, nodes, roles).as(Keepalive::new);
        return Arbitraries.oneOf(hellos, heartbeats, states, syncs, keepalives);
    }
}
