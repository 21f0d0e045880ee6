package io.twinlink.agent.control;

import io.twinlink.agent.netlink.Duplex;
import io.twinlink.lacp.MuxMachine;
import io.twinlink.wire.MacAddress;
import java.util.Objects;

/**
 * One port as {@code show ports} reports it.
 *
 * @param speed       Mb/s, {@code null} when the driver does not say (e.g. veth)
 * @param bundle      the aggregate it belongs to, {@code null} if none
 * @param mux         its Mux state, {@code null} if it is not an LACP member
 * @param rxFrames    protocol frames (LACP, Marker, BPDU) received by the agent on this port
 * @param txFrames    protocol frames sent by the agent on this port
 * @param malformedRx frames received that failed to decode (any protocol)
 * @param policedRx   frames captured but dropped before the protocols because their sender
 *                    exceeded its rate (a flood; see {@code IngressPolicer})
 * @param strangerRx  LACPDUs and Marker PDUs ignored because another source than the port's
 *                    current partner sent them (see {@code PartnerLock})
 * @param captureDrops frames the kernel dropped before the capture thread read them (a
 *                    flood beyond what the capture ring holds, or a stalled reader)
 */
public record PortSnapshot(String name, int ifindex, MacAddress mac, Carrier carrier, Long speed,
                           Duplex duplex, String bundle, MuxMachine.State mux, long rxFrames, long txFrames,
                           long malformedRx, long policedRx, long strangerRx, long captureDrops) {

    /** A port without flood or stranger figures (as agents before them reported it). */
    public PortSnapshot(String name, int ifindex, MacAddress mac, Carrier carrier, Long speed, Duplex duplex,
                        String bundle, MuxMachine.State mux, long rxFrames, long txFrames, long malformedRx) {
        this(name, ifindex, mac, carrier, speed, duplex, bundle, mux, rxFrames, txFrames, malformedRx, 0, 0, 0);
    }

    public PortSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(duplex, "duplex");
    }
}
