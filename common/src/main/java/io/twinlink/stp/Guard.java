package io.twinlink.stp;

/**
 * The two port protections operators expect from a switch (they are not in 802.1D; the root
 * guard is 802.1Q-2011's {@code restrictedRole}, 13.25.36).
 */
public enum Guard {
    /** An edge port that receives a BPDU is taken out of service until an operator clears it. */
    BPDU_GUARD("bpdu-guard"),
    /** A port that would become Root Port is kept Alternate (discarding): "root-inconsistent". */
    ROOT_GUARD("root-inconsistent");

    private final String label;

    Guard(String label) {
        this.label = label;
    }

    /** How {@code show stp} and the logs name the condition. */
    public String label() {
        return label;
    }
}
