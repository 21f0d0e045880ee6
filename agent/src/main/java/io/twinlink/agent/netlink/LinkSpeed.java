package io.twinlink.agent.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.Optional;

/**
 * Speed and duplex of interfaces through the ethtool ioctl ({@code SIOCETHTOOL},
 * {@code ETHTOOL_GSET}), as {@code ethtool IFACE} shows them. The ioctl goes through a socket
 * opened once, so it answers for the network namespace of the opening thread whichever thread
 * asks later ({@code /sys/class/net} would show the namespace that mounted sysfs).
 *
 * <pre>
 * struct ifreq (40 octets):        struct ethtool_cmd (44 octets):
 *   0  char name[16]                 0 u32 cmd        12 u16 speed    14 u8 duplex
 *  16  void *data ---------------->  28 u16 speed_hi  (the rest is not read)
 * </pre>
 */
public final class LinkSpeed implements AutoCloseable {

    /** Mb/s, or -1 when the driver does not know (no link, or no ethtool support). */
    public record Setting(int speedMbps, Duplex duplex) {
        public static final Setting UNKNOWN = new Setting(-1, Duplex.UNKNOWN);
    }

    private static final long SIOCETHTOOL = 0x8946;
    private static final int ETHTOOL_GSET = 0x1;
    private static final int ETHTOOL_GLINK = 0xa;
    private static final int ETHTOOL_VALUE_SIZE = 8;
    private static final int IFREQ_SIZE = 40;
    private static final int ETHTOOL_CMD_SIZE = 44;
    private static final int SPEED_UNKNOWN = 0xFFFF_FFFF;
    private static final int ENODEV = 19;

    private final Libc libc = Libc.INSTANCE;
    private final int fd;

    private LinkSpeed(int fd) {
        this.fd = fd;
    }

    public static LinkSpeed open() throws NetlinkException {
        try {
            return new LinkSpeed(Libc.INSTANCE.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0));
        } catch (LastErrorException e) {
            throw RouteSocket.failure("cannot open a socket for ethtool", e);
        }
    }

    /**
     * Asks the driver; {@link Setting#UNKNOWN} when it cannot tell (lo, tun, link down...).
     *
     * @throws NetlinkException when there is no such interface
     */
    public synchronized Setting of(String name) throws NetlinkException {
        InterfaceName.check(name);
        try (Memory cmd = new Memory(ETHTOOL_CMD_SIZE)) {
            try {
                ethtool(name, ETHTOOL_GSET, cmd);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == ENODEV) {
                    throw new NetlinkException("no such interface \"" + name + "\"", ENODEV);
                }
                return Setting.UNKNOWN; // EOPNOTSUPP and friends: the driver has no answer
            }
            int speed = (cmd.getShort(12) & 0xFFFF) | ((cmd.getShort(28) & 0xFFFF) << 16);
            int duplex = cmd.getByte(14) & 0xFF;
            return new Setting(speed == SPEED_UNKNOWN || speed == 0 ? -1 : speed, Duplex.of(duplex));
        }
    }

    /**
     * The carrier as the driver has it now ({@code ETHTOOL_GLINK}, struct ethtool_value
     * {u32 cmd; u32 data}), ahead of the kernel's link notification, which linkwatch may hold
     * back up to a second; empty when the driver cannot tell or the interface is gone.
     */
    public synchronized Optional<Boolean> carrier(String name) {
        if (InterfaceName.problem(name) != null) {
            return Optional.empty();
        }
        try (Memory value = new Memory(ETHTOOL_VALUE_SIZE)) {
            try {
                ethtool(name, ETHTOOL_GLINK, value);
            } catch (LastErrorException e) {
                return Optional.empty();
            }
            return Optional.of(value.getInt(4) != 0);
        }
    }

    /** One ethtool command on {@code name}: {@code data} (cleared here) starts with the command and receives the answer. */
    private void ethtool(String name, int command, Memory data) {
        try (Memory ifreq = new Memory(IFREQ_SIZE)) {
            ifreq.clear();
            data.clear();
            ifreq.setString(0, name, "US-ASCII");
            ifreq.setPointer(16, data);
            data.setInt(0, command);
            libc.ioctl(fd, SIOCETHTOOL, ifreq);
        }
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
