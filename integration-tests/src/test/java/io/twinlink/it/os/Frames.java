package io.twinlink.it.os;

import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.LacpPortState;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import java.nio.ByteBuffer;

/** Control and data frames for the OS tests, built with the real codecs where they exist. */
final class Frames {

    private Frames() {
    }

    static byte[] lacpdu(MacAddress source, int port) {
        LacpInfo actor = new LacpInfo(32768, source, 10, 128, port,
                LacpPortState.of(LacpPortState.ACTIVITY | LacpPortState.AGGREGATION));
        return ethernet(MacAddress.SLOW_PROTOCOLS, source, 0x8809, new Lacpdu(actor, LacpInfo.NULL, 0).encode());
    }

    /** A 35-octet 802.1D configuration BPDU behind an LLC header (DSAP/SSAP 0x42): 52 octets. */
    static byte[] configBpdu(MacAddress destination, MacAddress source) {
        ByteBuffer llc = ByteBuffer.allocate(3 + 35);
        llc.put((byte) 0x42).put((byte) 0x42).put((byte) 0x03);
        llc.putShort((short) 0).put((byte) 0).put((byte) 0); // protocol id, version, type config
        llc.put((byte) 0);                                  // flags
        llc.putShort((short) 0x8000).put(source.toBytes()); // root id
        llc.putInt(0);                                      // root path cost
        llc.putShort((short) 0x8000).put(source.toBytes()); // bridge id
        llc.putShort((short) 0x8001);                        // port id
        llc.putShort((short) 0).putShort((short) (20 * 256)).putShort((short) (2 * 256)).putShort((short) (15 * 256));
        return ethernet(destination, source, llc.capacity(), llc.array());
    }

    static byte[] ethernet(MacAddress destination, MacAddress source, int typeOrLength, byte[] payload) {
        ByteBuffer f = ByteBuffer.allocate(14 + payload.length);
        f.put(destination.toBytes()).put(source.toBytes()).putShort((short) typeOrLength).put(payload);
        return f.array();
    }
}
