package io.twinlink.wire;

/**
 * How a frame says what it carries, once the MAC addresses and VLAN tags are behind us:
 * an EtherType (Ethernet II), an 802.2 LLC header after an 802.3 length, or LLC with a SNAP
 * header [IEEE 802-2014 10.5]. {@link Other} is for values that are neither (a Linux cooked
 * capture's non-Ethernet protocol numbers, or a type/length field in 1501..1535).
 */
public sealed interface Encapsulation {

    record EthernetII(int etherType) implements Encapsulation {
    }

    /** 802.2 LLC: destination and source SAPs and the control field (one or two octets). */
    record Llc(int dsap, int ssap, int control) implements Encapsulation {

        /** The Spanning Tree SAP [802.1D-2004 7.12.3]. */
        public static final int SAP_STP = 0x42;
        /** SNAP follows [IEEE 802-2014 10.5]. */
        public static final int SAP_SNAP = 0xAA;
        /** Unnumbered Information. */
        public static final int CONTROL_UI = 0x03;
    }

    /** LLC AA-AA-03 followed by an OUI and a protocol identifier. */
    record Snap(int oui, int protocolId) implements Encapsulation {

        public static final int OUI_CISCO = 0x00000C;
        /** Cisco's PID for PVST+/Rapid-PVST+ BPDUs. */
        public static final int PID_PVST = 0x010B;
    }

    record Other(int protocol) implements Encapsulation {
    }
}
