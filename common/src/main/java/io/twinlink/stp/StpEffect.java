package io.twinlink.stp;

import io.twinlink.wire.Bpdu;
import io.twinlink.wire.ConfigBpdu;
import io.twinlink.wire.RstBpdu;
import io.twinlink.wire.TcnBpdu;

/** What the engine asks the outside world to do; the agent carries these out in order. */
public sealed interface StpEffect {

    /**
     * Send this BPDU out of the port to the Bridge Group Address [802.1D-2004 17.26, 7.12.3]:
     * a {@link ConfigBpdu} or {@link TcnBpdu} when the port talks to 802.1D bridges, an
     * {@link RstBpdu} otherwise.
     */
    record SendBpdu(String port, Bpdu bpdu) implements StpEffect {

        /** The BPDU's exact octets from the Protocol Identifier on (the LLC header is the framer's job). */
        public byte[] encode() {
            if (bpdu instanceof RstBpdu rst) {
                return rst.encode();
            }
            if (bpdu instanceof ConfigBpdu config) {
                return config.encode();
            }
            if (bpdu instanceof TcnBpdu tcn) {
                return tcn.encode();
            }
            throw new IllegalStateException("the engine never sends " + bpdu.getClass().getSimpleName());
        }
    }

    /**
     * Put the port in this state [17.21.3-17.21.6 disableForwarding, disableLearning,
     * enableForwarding, enableLearning]. Emitted on every change, in order.
     */
    record SetPortState(String port, PortState state) implements StpEffect {
    }

    /**
     * Remove every filtering database entry learned on the port [17.19.7 fdbFlush]. In STP
     * compatibility the standard allows rapid ageing instead; removing at once is stricter
     * and what the Linux bridge's {@code flush} does.
     */
    record FlushFdb(String port) implements StpEffect {
    }

    /**
     * The bridge's topology change state began ({@code active}) or ended: true while any port's
     * tcWhile runs [17.17.7]. The data plane may shorten its ageing time meanwhile, as 802.1D
     * bridges do (7.9.2). {@code port} is the port that caused it.
     */
    record TopologyChange(String port, boolean active) implements StpEffect {
    }

    /**
     * A guard acted on the port ({@code active}) or released it. BPDU guard keeps the port out
     * of service until {@link StpEngine#clearBpduGuard}; root guard releases by itself once the
     * superior information it refused has aged out.
     */
    record GuardAction(String port, Guard guard, boolean active) implements StpEffect {
    }
}
