package io.twinlink.agent.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's end of the control socket: a unix socket, mode 0600 (root only), answering one
 * request per connection ({@link RequestHandler} has the protocol). Runs on its own threads and
 * reaches protocol state only through the {@link StateProvider}.
 *
 * <pre>
 *  try (ControlServer server = ControlServer.start(path, provider)) { ... }
 * </pre>
 */
public final class ControlServer implements AutoCloseable {

    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    /** A request is one short JSON line; anything longer is not a client of ours. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    /** A client that connects and says nothing must not hold a worker for ever. */
    private static final Duration CONNECTION_DEADLINE = Duration.ofSeconds(10);
    private static final int WORKERS = 2;

    private final ControlSocketFile socket;
    private final RequestHandler handler;
    private final ExecutorService workers;
    private final ScheduledExecutorService deadlines;
    private final Thread acceptor;

    private ControlServer(ControlSocketFile socket, RequestHandler handler) {
        this.socket = socket;
        this.handler = handler;
        this.workers = Executors.newFixedThreadPool(WORKERS, daemon("twinlink-control-"));
        this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon("twinlink-control-deadline-"));
        this.acceptor = daemon("twinlink-control-accept-").newThread(this::acceptLoop);
    }

    public static ControlServer start(Path path, StateProvider provider) throws IOException {
        return start(path, provider, DEFAULT_ANSWER_TIMEOUT);
    }

    /**
     * Binds {@code path} (creating its directory 0755, replacing a stale socket, refusing if
     * another agent listens there) and starts answering.
     *
     * @param answerTimeout how long to wait for the provider before answering with an error
     */
    public static ControlServer start(Path path, StateProvider provider, Duration answerTimeout) throws IOException {
        ControlServer server = new ControlServer(ControlSocketFile.bind(path), new RequestHandler(provider, answerTimeout));
        server.acceptor.start();
        log.info("control socket listening path={}", server.socket.path());
        return server;
    }

    /**
     * Fails when another agent already answers on {@code path} (a file that is not a socket
     * fails too): checked before an agent touches anything, so a second agent started by
     * mistake cannot disturb the running one. A stale socket of a dead agent passes.
     */
    public static void refuseIfInUse(Path path) throws IOException {
        ControlSocketFile.refuseIfInUse(path.toAbsolutePath().normalize());
    }

    public Path path() {
        return socket.path();
    }

    private void acceptLoop() {
        while (socket.channel().isOpen()) {
            SocketChannel client;
            try {
                client = socket.channel().accept();
            } catch (ClosedChannelException closed) { // close() ends the loop
                return;
            } catch (IOException e) {
                log.warn("control socket accept failed: {}", e.getMessage());
                continue;
            }
            try {
                workers.execute(() -> serve(client));
            } catch (RejectedExecutionException shuttingDown) {
                closeQuietly(client);
                return;
            }
        }
    }

    private void serve(SocketChannel client) {
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(client),
                CONNECTION_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        try (client) {
            String request = readLine(client);
            if (request == null) {
                return; // connected and left, or sent too much: nothing to answer
            }
            byte[] answer = (handler.answer(request) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.wrap(answer);
            while (out.hasRemaining()) {
                client.write(out);
            }
        } catch (AsynchronousCloseException timedOut) {
            log.debug("control client closed at its deadline");
        } catch (IOException e) {
            log.debug("control client failed: {}", e.getMessage());
        } finally {
            deadline.cancel(false);
        }
    }

    /** The first line, without its newline; {@code null} on EOF before a newline or an oversized line. */
    private static String readLine(SocketChannel client) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (client.read(buf) >= 0) {
            buf.flip();
            while (buf.hasRemaining()) {
                byte b = buf.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() >= MAX_REQUEST_BYTES) {
                    return null;
                }
                line.write(b);
            }
            buf.clear();
        }
        return line.size() > 0 ? line.toString(StandardCharsets.UTF_8) : null;
    }

    /** Stops accepting, ends open connections, removes the socket file. */
    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            workers.shutdownNow();
            deadlines.shutdownNow();
            try {
                acceptor.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.info("control socket closed path={}", socket.path());
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all we wanted; nothing more to do
        }
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
