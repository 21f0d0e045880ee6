package io.twinlink.agent.netlink;

/**
 * The kernel's rules for an interface name [linux/net/core/dev.c dev_valid_name], narrowed to
 * printable ASCII: names end up on tc command lines, where anything else would need quoting.
 */
public final class InterfaceName {

    /** IFNAMSIZ is 16 including the terminating NUL. */
    public static final int MAX_LENGTH = 15;

    private InterfaceName() {
    }

    /** The reason {@code name} cannot be an interface name, or {@code null} when it can. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "an interface name cannot be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "interface name \"" + name + "\" is longer than " + MAX_LENGTH + " characters";
        }
        if (name.equals(".") || name.equals("..")) {
            return "\"" + name + "\" is not a valid interface name";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c)) {
                return "interface name \"" + name + "\" contains whitespace";
            }
            if (c == '/' || c == ':' || c < 0x21 || c > 0x7E) {
                return "interface name \"" + name + "\" contains '" + printable(c) + "'";
            }
        }
        return null;
    }

    /** Throws with the reason when {@code name} is not a valid interface name. */
    public static String check(String name) throws NetlinkException {
        String problem = problem(name);
        if (problem != null) {
            throw new NetlinkException(problem, 22);
        }
        return name;
    }

    private static String printable(char c) {
        return c >= 0x21 && c <= 0x7E ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
