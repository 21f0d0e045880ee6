package io.twinlink.agent.io;

/** A port could not be opened, or a frame could not be sent; the message is one line. */
public final class FrameIoException extends Exception {

    private static final long serialVersionUID = 1L;

    public FrameIoException(String message) {
        super(message, null, false, false);
    }
}
