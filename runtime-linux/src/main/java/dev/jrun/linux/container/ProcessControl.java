package dev.jrun.linux.container;

/** Signals and reaping for a container's processes. */
public final class ProcessControl {
    private ProcessControl() {}

    /** kill(pid, signal); ESRCH is a {@link dev.jrun.core.JrunException} saying the process is gone. */
    public static void kill(int pid, int signal) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Waits for {@code pid}, a child of this process, to end; returns its exit code, or 128+N if signal N ended
     * it. Retries on EINTR.
     */
    public static int waitForExit(int pid) {
        throw new UnsupportedOperationException("not yet");
    }
}
