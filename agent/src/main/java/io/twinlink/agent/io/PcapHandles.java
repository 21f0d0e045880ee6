package io.twinlink.agent.io;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.reflect.Field;
import org.pcap4j.core.PcapHandle;

/**
 * What pcap4j 1.8.2 does not expose of a handle: its selectable file descriptor
 * ({@code pcap_get_selectable_fd}), so that one thread can wait on every port's capture at
 * once instead of one blocked thread per port. The {@code pcap_t} pointer is read from
 * pcap4j's private field; the version is pinned in the parent pom, and a change there fails
 * at start-up with a clear message rather than later.
 */
final class PcapHandles {

    private interface LibPcap extends Library {
        int pcap_get_selectable_fd(Pointer pcap);
    }

    private static final Field HANDLE = handleField();
    private static LibPcap libpcap;

    private PcapHandles() {
    }

    /** The descriptor poll(2) reports the handle's frames on; -1 when libpcap has none for it. */
    static int selectableFd(PcapHandle handle) throws FrameIoException {
        if (HANDLE == null) {
            throw new FrameIoException("this pcap4j has no pcap_t field \"handle\" in PcapHandle (pcap4j 1.8.2 expected)");
        }
        try {
            return library().pcap_get_selectable_fd((Pointer) HANDLE.get(handle));
        } catch (IllegalAccessException e) {
            throw new FrameIoException("cannot reach pcap4j's pcap_t: " + e.getMessage());
        }
    }

    private static synchronized LibPcap library() throws FrameIoException {
        if (libpcap == null) {
            PcapLibrary.load();
            String name = System.getProperty(PcapLibrary.PROPERTY, "pcap");
            libpcap = Native.load(name, LibPcap.class);
        }
        return libpcap;
    }

    private static Field handleField() {
        try {
            Field f = PcapHandle.class.getDeclaredField("handle");
            f.setAccessible(true);
            return f.getType() == Pointer.class ? f : null;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }
}
