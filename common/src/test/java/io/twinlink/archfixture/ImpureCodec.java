package io.twinlink.archfixture;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Everything common must never do, so CommonModuleTest can show its rules bite. Test code only. */
public final class ImpureCodec {

    private ImpureCodec() {
    }

    public static byte[] readFrame(String name) throws IOException {
        return Files.readAllBytes(Path.of(name));
    }

    public static long stamp() throws InterruptedException {
        Thread.sleep(1);
        return System.nanoTime();
    }

    /** Reads the clock through java.time. */
    public static final class InstantNow {
        private InstantNow() {
        }

        public static Instant now() {
            return Instant.now();
        }
    }

    /** Opens a socket. */
    public static final class Sockets {
        private Sockets() {
        }

        public static Socket open() {
            return new Socket();
        }
    }
}
