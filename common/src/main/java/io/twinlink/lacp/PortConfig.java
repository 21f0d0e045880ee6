package io.twinlink.lacp;

/**
 * The administrative values of one Aggregation Port [802.1AX-2020 6.4.7]: its name, port
 * number and priority, LACP_Activity (active or passive), LACP_Timeout (fast or slow) and
 * whether it may aggregate at all. The admin key comes from its bundle.
 */
public record PortConfig(String name, int portNumber, int portPriority, boolean active, boolean fastRate,
                         boolean aggregatable) {

    public static final int DEFAULT_PORT_PRIORITY = 255;

    public PortConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("port name is required");
        }
        if (portNumber < 1 || portNumber > 0xFFFF) {
            throw new IllegalArgumentException("port number must be 1..65535, got " + portNumber);
        }
        if (portPriority < 0 || portPriority > 0xFFFF) {
            throw new IllegalArgumentException("port priority must be 0..65535, got " + portPriority);
        }
    }

    public static PortConfig active(String name, int portNumber) {
        return new PortConfig(name, portNumber, DEFAULT_PORT_PRIORITY, true, true, true);
    }

    public PortConfig passive() {
        return new PortConfig(name, portNumber, portPriority, false, fastRate, aggregatable);
    }

    public PortConfig slow() {
        return new PortConfig(name, portNumber, portPriority, active, false, aggregatable);
    }

    public PortConfig individual() {
        return new PortConfig(name, portNumber, portPriority, active, fastRate, false);
    }

    public PortConfig withPriority(int priority) {
        return new PortConfig(name, portNumber, priority, active, fastRate, aggregatable);
    }
}
