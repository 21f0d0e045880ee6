package io.twinlink.lacp;

import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.LacpPortState;
import io.twinlink.wire.Lacpdu;

/**
 * The Receive machine [802.1AX-2020 6.4.12, figure 6-18]: records what the partner says
 * about itself, notices when that changes (the port must reselect) and when the partner
 * falls silent (EXPIRED after one timeout, DEFAULTED after the next).
 */
public final class ReceiveMachine extends PortMachine<ReceiveMachine.State> {

    public enum State {
        INITIALIZE, PORT_DISABLED, EXPIRED, LACP_DISABLED, DEFAULTED, CURRENT
    }

    ReceiveMachine(AggregationPort port, LacpEngine engine) {
        super("rx", port, engine);
    }

    @Override
    protected State next(State s) {
        AggregationPort p = port;
        if (p.begin) {
            return s == State.INITIALIZE ? null : State.INITIALIZE;
        }
        if (!p.portEnabled && !p.portMoved && s != State.PORT_DISABLED && s != State.INITIALIZE) {
            return State.PORT_DISABLED;
        }
        return switch (s) {
            case INITIALIZE -> State.PORT_DISABLED;
            case PORT_DISABLED -> {
                if (p.portMoved) {
                    yield State.INITIALIZE;
                }
                if (p.portEnabled) {
                    yield p.lacpEnabled ? State.EXPIRED : State.LACP_DISABLED;
                }
                yield null;
            }
            case EXPIRED -> p.rcvdPdu != null ? State.CURRENT
                    : p.currentWhileTimer.expired() ? State.DEFAULTED : null;
            case LACP_DISABLED -> {
                p.rcvdPdu = null; // LACPDUs are not processed on a half-duplex link [6.4.12]
                yield p.lacpEnabled ? State.PORT_DISABLED : null;
            }
            case DEFAULTED -> p.rcvdPdu != null ? State.CURRENT : null;
            case CURRENT -> p.rcvdPdu != null ? State.CURRENT
                    : p.currentWhileTimer.expired() ? State.EXPIRED : null;
        };
    }

    @Override
    protected void enter(State s) {
        AggregationPort p = port;
        engine.receiveDisabled(p, s == State.PORT_DISABLED);
        switch (s) {
            case INITIALIZE -> {
                p.selected = Selected.UNSELECTED;
                recordDefault();
                p.setActorState(LacpPortState.EXPIRED, false);
                p.portMoved = false;
            }
            case PORT_DISABLED -> p.setPartnerState(LacpPortState.SYNCHRONIZATION, false);
            case EXPIRED -> {
                p.setPartnerState(LacpPortState.SYNCHRONIZATION, false);
                p.setPartnerState(LacpPortState.TIMEOUT, true);
                p.currentWhileTimer.start(LacpTimes.SHORT_TIMEOUT_TIME);
                p.setActorState(LacpPortState.EXPIRED, true);
            }
            case LACP_DISABLED -> {
                p.selected = Selected.UNSELECTED;
                recordDefault();
                p.setPartnerState(LacpPortState.AGGREGATION, false);
                p.setActorState(LacpPortState.EXPIRED, false);
            }
            case DEFAULTED -> {
                updateDefaultSelected();
                recordDefault();
                p.setActorState(LacpPortState.EXPIRED, false);
            }
            case CURRENT -> {
                Lacpdu pdu = p.rcvdPdu;
                p.rcvdPdu = null;
                updateSelected(pdu);
                updateNtt(pdu);
                recordPdu(pdu);
                p.currentWhileTimer.start(p.actorState(LacpPortState.TIMEOUT)
                        ? LacpTimes.SHORT_TIMEOUT_TIME : LacpTimes.LONG_TIMEOUT_TIME);
                p.setActorState(LacpPortState.EXPIRED, false);
            }
        }
    }

    /**
     * recordPDU [6.4.9]: the partner's Actor information becomes our Partner_Oper values. The
     * partner is in sync when it has our current information and says it is in sync, or when
     * it is an individual link that says it is in sync.
     */
    private void recordPdu(Lacpdu pdu) {
        AggregationPort p = port;
        LacpInfo actorNow = p.actorInfo(engine.system());
        LacpInfo heardOfUs = pdu.partner();
        boolean partnerHasOurInfo = heardOfUs.sameIdentity(actorNow)
                && heardOfUs.state().aggregation() == p.actorState(LacpPortState.AGGREGATION);
        boolean partnerSays = pdu.actor().state().synchronization();
        boolean inSync = (partnerHasOurInfo && partnerSays) || (!pdu.actor().state().aggregation() && partnerSays);
        p.partnerOper = pdu.actor().withState(pdu.actor().state().with(LacpPortState.SYNCHRONIZATION, inSync));
        p.setActorState(LacpPortState.DEFAULTED, false);
    }

    /** recordDefault [6.4.9]: the partner is whatever the administrator said it is. */
    private void recordDefault() {
        port.partnerOper = port.partnerAdmin;
        port.setActorState(LacpPortState.DEFAULTED, true);
    }

    /** update_Selected [6.4.9]: a different partner (or one that changed its mind about aggregating) means reselect. */
    private void updateSelected(Lacpdu pdu) {
        if (!sameLink(pdu.actor(), port.partnerOper)) {
            port.selected = Selected.UNSELECTED;
        }
    }

    /** update_Default_Selected [6.4.9]: as update_Selected, against the administrative partner. */
    private void updateDefaultSelected() {
        if (!sameLink(port.partnerAdmin, port.partnerOper)) {
            port.selected = Selected.UNSELECTED;
        }
    }

    private static boolean sameLink(LacpInfo a, LacpInfo b) {
        return a.sameIdentity(b) && a.state().aggregation() == b.state().aggregation();
    }

    /**
     * update_NTT [6.4.9]: when what the partner believes about us is out of date, tell it at
     * once rather than at the next periodic transmission.
     */
    private void updateNtt(Lacpdu pdu) {
        LacpInfo actorNow = port.actorInfo(engine.system());
        LacpInfo heardOfUs = pdu.partner();
        int compared = LacpPortState.ACTIVITY | LacpPortState.TIMEOUT
                | LacpPortState.SYNCHRONIZATION | LacpPortState.AGGREGATION;
        if (!heardOfUs.sameIdentity(actorNow)
                || (heardOfUs.state().bits() & compared) != (actorNow.state().bits() & compared)) {
            port.ntt = true;
        }
    }
}
