package io.twinlink.stp;

import java.util.List;

/**
 * Every transition of the state diagrams of 802.1D-2004 17.22-17.31 that the engine can take,
 * as {@code machine:FROM->TO} ({@code null} is BEGIN). Global transitions appear once for each
 * state they can leave in practice. Left out, because the engine's run-to-completion loop
 * makes them unreachable: the PIM's DISABLED -> DISABLED on rcvdMsg (the Port Receive machine
 * never sets rcvdMsg on a disabled port) and its global DISABLED from AGED and from the
 * unconditional states (Port Role Selection always answers AGED at once with updtInfo); a
 * Disabled port straight to Root (it is always Designated first, while its information is
 * Aged).
 */
final class StpDiagrams {

    static final List<String> TRANSITIONS = List.of(
            // Port Timers, figure 17-11
            "pti:null->ONE_SECOND", "pti:ONE_SECOND->TICK", "pti:TICK->ONE_SECOND",
            // Port Receive, figure 17-12
            "prx:null->DISCARD", "prx:DISCARD->RECEIVE", "prx:RECEIVE->RECEIVE", "prx:RECEIVE->DISCARD",
            "prx:DISCARD->DISCARD",
            // Port Protocol Migration, figure 17-13
            "ppm:null->CHECKING_RSTP", "ppm:CHECKING_RSTP->SENSING", "ppm:CHECKING_RSTP->CHECKING_RSTP",
            "ppm:SENSING->CHECKING_RSTP", "ppm:SENSING->SELECTING_STP", "ppm:SELECTING_STP->SENSING",
            // Bridge Detection, figure 17-14
            "bdm:null->EDGE", "bdm:null->NOT_EDGE", "bdm:EDGE->NOT_EDGE", "bdm:NOT_EDGE->EDGE",
            // Port Transmit, figure 17-15
            "ptx:null->TRANSMIT_INIT", "ptx:TRANSMIT_INIT->IDLE", "ptx:IDLE->TRANSMIT_PERIODIC",
            "ptx:TRANSMIT_PERIODIC->IDLE", "ptx:IDLE->TRANSMIT_RSTP", "ptx:TRANSMIT_RSTP->IDLE",
            "ptx:IDLE->TRANSMIT_CONFIG", "ptx:TRANSMIT_CONFIG->IDLE", "ptx:IDLE->TRANSMIT_TCN",
            "ptx:TRANSMIT_TCN->IDLE",
            // Port Information, figure 17-18
            "pim:null->DISABLED", "pim:DISABLED->AGED", "pim:AGED->UPDATE", "pim:UPDATE->CURRENT",
            "pim:CURRENT->UPDATE", "pim:CURRENT->AGED", "pim:CURRENT->RECEIVE",
            "pim:RECEIVE->SUPERIOR_DESIGNATED", "pim:RECEIVE->REPEATED_DESIGNATED",
            "pim:RECEIVE->INFERIOR_DESIGNATED", "pim:RECEIVE->NOT_DESIGNATED", "pim:RECEIVE->OTHER",
            "pim:SUPERIOR_DESIGNATED->CURRENT", "pim:REPEATED_DESIGNATED->CURRENT",
            "pim:INFERIOR_DESIGNATED->CURRENT", "pim:NOT_DESIGNATED->CURRENT", "pim:OTHER->CURRENT",
            "pim:CURRENT->DISABLED",
            // Port Role Selection, figure 17-19
            "prs:null->INIT_BRIDGE", "prs:INIT_BRIDGE->ROLE_SELECTION", "prs:ROLE_SELECTION->ROLE_SELECTION",
            // Port Role Transitions, figures 17-20 to 17-23
            "prt:null->INIT_PORT", "prt:INIT_PORT->DISABLE_PORT", "prt:DISABLE_PORT->DISABLED_PORT",
            "prt:DISABLED_PORT->DISABLED_PORT", "prt:DISABLED_PORT->DESIGNATED_PORT",
            "prt:ROOT_PORT->DISABLE_PORT", "prt:DESIGNATED_PORT->DISABLE_PORT", "prt:ALTERNATE_PORT->DISABLE_PORT",
            "prt:DESIGNATED_PORT->ROOT_PORT", "prt:ALTERNATE_PORT->ROOT_PORT",
            "prt:ROOT_PORT->DESIGNATED_PORT", "prt:ALTERNATE_PORT->DESIGNATED_PORT",
            "prt:ROOT_PORT->BLOCK_PORT", "prt:DESIGNATED_PORT->BLOCK_PORT",
            "prt:ROOT_PORT->ROOT_PROPOSED", "prt:ROOT_PROPOSED->ROOT_PORT",
            "prt:ROOT_PORT->ROOT_AGREED", "prt:ROOT_AGREED->ROOT_PORT",
            "prt:ROOT_PORT->REROOT", "prt:REROOT->ROOT_PORT",
            "prt:ROOT_PORT->ROOT_LEARN", "prt:ROOT_LEARN->ROOT_PORT",
            "prt:ROOT_PORT->ROOT_FORWARD", "prt:ROOT_FORWARD->ROOT_PORT",
            "prt:ROOT_PORT->REROOTED", "prt:REROOTED->ROOT_PORT", "prt:ROOT_PORT->ROOT_PORT",
            "prt:DESIGNATED_PORT->DESIGNATED_PROPOSE", "prt:DESIGNATED_PROPOSE->DESIGNATED_PORT",
            "prt:DESIGNATED_PORT->DESIGNATED_SYNCED", "prt:DESIGNATED_SYNCED->DESIGNATED_PORT",
            "prt:DESIGNATED_PORT->DESIGNATED_RETIRED", "prt:DESIGNATED_RETIRED->DESIGNATED_PORT",
            "prt:DESIGNATED_PORT->DESIGNATED_LEARN", "prt:DESIGNATED_LEARN->DESIGNATED_PORT",
            "prt:DESIGNATED_PORT->DESIGNATED_FORWARD", "prt:DESIGNATED_FORWARD->DESIGNATED_PORT",
            "prt:DESIGNATED_PORT->DESIGNATED_DISCARD", "prt:DESIGNATED_DISCARD->DESIGNATED_PORT",
            "prt:BLOCK_PORT->ALTERNATE_PORT", "prt:ALTERNATE_PORT->ALTERNATE_PORT",
            "prt:ALTERNATE_PORT->ALTERNATE_PROPOSED", "prt:ALTERNATE_PROPOSED->ALTERNATE_PORT",
            "prt:ALTERNATE_PORT->ALTERNATE_AGREED", "prt:ALTERNATE_AGREED->ALTERNATE_PORT",
            "prt:ALTERNATE_PORT->BACKUP_PORT", "prt:BACKUP_PORT->ALTERNATE_PORT",
            // Port State Transition, figure 17-24
            "pst:null->DISCARDING", "pst:DISCARDING->LEARNING", "pst:LEARNING->FORWARDING",
            "pst:FORWARDING->DISCARDING", "pst:LEARNING->DISCARDING",
            // Topology Change, figure 17-25
            "tcm:null->INACTIVE", "tcm:INACTIVE->LEARNING", "tcm:LEARNING->LEARNING", "tcm:LEARNING->INACTIVE",
            "tcm:LEARNING->DETECTED", "tcm:DETECTED->ACTIVE", "tcm:ACTIVE->LEARNING",
            "tcm:ACTIVE->NOTIFIED_TCN", "tcm:NOTIFIED_TCN->NOTIFIED_TC", "tcm:ACTIVE->NOTIFIED_TC",
            "tcm:NOTIFIED_TC->ACTIVE", "tcm:ACTIVE->PROPAGATING", "tcm:PROPAGATING->ACTIVE",
            "tcm:ACTIVE->ACKNOWLEDGED", "tcm:ACKNOWLEDGED->ACTIVE");

    private StpDiagrams() {
    }
}
