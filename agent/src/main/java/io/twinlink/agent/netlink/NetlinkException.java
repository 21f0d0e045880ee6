package io.twinlink.agent.netlink;

/**
 * The kernel refused a netlink request, or a socket call failed. The message is one line,
 * fit for an operator: what was asked, and the kernel's reason (its extended-ack text when
 * it gave one, otherwise {@code strerror}).
 */
public final class NetlinkException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int errno;

    public NetlinkException(String message, int errno) {
        super(message, null, false, false);
        this.errno = errno;
    }

    public NetlinkException(String message) {
        this(message, 0);
    }

    /** The positive errno ({@code ENODEV} = 19, ...), 0 when not from the kernel. */
    public int errno() {
        return errno;
    }
}
