package io.twinlink.agent.daemon;

import io.twinlink.lacp.AggregationPort;
import io.twinlink.lacp.ReceiveMachine;
import io.twinlink.wire.MacAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Which source MAC address each member's partner speaks from, so that a stranger on the
 * same wire cannot take the member over while its partner is alive.
 *
 * <p>LACP assumes a point-to-point link [802.1AX-2020 6.4.4]: every valid LACPDU is the
 * partner speaking, and one that names another system makes the port reselect (Receive
 * machine update_Selected, 6.4.9), which takes it out of its aggregate for seconds. On a
 * real wire a second talker is a misconfiguration or an attack. So, while a member's
 * Receive machine is CURRENT (its partner's information has not timed out), LACPDUs and
 * Marker PDUs from any other source address are ignored and counted. Once the partner falls
 * silent (EXPIRED, DEFAULTED) or the link goes down, whoever speaks next is heard: a cable
 * moved to another switch is accepted after one timeout (3 s fast, 90 s slow) even without
 * a carrier change. A stranger that forges the partner's own source address is not stopped:
 * LACP has no authentication.
 *
 * <p>Event-loop thread only.
 */
final class PartnerLock {

    private final Map<String, MacAddress> partnerSource = new HashMap<>();

    /** Whether a PDU from {@code source} must be ignored on {@code port}: its partner is current and speaks from elsewhere. */
    boolean isStranger(AggregationPort port, MacAddress source) {
        MacAddress partner = partnerSource.get(port.name());
        return partner != null && !partner.equals(source) && port.receiveState() == ReceiveMachine.State.CURRENT;
    }

    /** After the engine took a LACPDU from {@code source}: that is the partner's address while it stays current. */
    void heard(AggregationPort port, MacAddress source) {
        if (port.receiveState() == ReceiveMachine.State.CURRENT) {
            partnerSource.put(port.name(), source);
        }
    }

    /** The partner's source address on {@code port}, or {@code null} before one was heard. */
    MacAddress partnerSource(String port) {
        return partnerSource.get(port);
    }
}
