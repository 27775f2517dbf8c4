package dev.jrun.linux.container;

import java.nio.file.Path;

/** The created container's gate: the init blocks reading exec.fifo in its state directory until start writes. */
public final class ExecFifo {
    public static final String NAME = "exec.fifo";

    private ExecFifo() {}

    /**
     * Releases the init of the container whose state directory is {@code stateDir}: opens the fifo write-only and
     * non-blocking and writes one byte. Throws {@link dev.jrun.core.JrunException} when no process waits on it (the
     * init died, or the container was already started).
     */
    public static void release(Path stateDir) {
        throw new UnsupportedOperationException("not yet");
    }
}
