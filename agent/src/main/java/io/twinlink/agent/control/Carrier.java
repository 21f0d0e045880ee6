package io.twinlink.agent.control;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Link carrier as the kernel reports it (IFF_LOWER_UP). */
public enum Carrier {
    @JsonProperty("up") UP,
    @JsonProperty("down") DOWN;

    public static Carrier of(boolean up) {
        return up ? UP : DOWN;
    }

    @Override
    public String toString() {
        return this == UP ? "up" : "down";
    }
}
