package dev.jrun.linux.container;

import dev.jrun.core.JrunException;
import dev.jrun.linux.kernel.Kernel;
import dev.jrun.linux.kernel.KernelException;
import dev.jrun.linux.plan.Errno;

/** Signals and reaping for a container's processes. */
public final class ProcessControl {
    private ProcessControl() {}

    /** kill(pid, signal); ESRCH becomes runc's "container not running". */
    public static void kill(int pid, int signal) {
        long r = Kernel.kill(pid, signal);
        if (r == Errno.ESRCH.negative()) {
            throw new JrunException("container not running");
        }
        if (r < 0) {
            throw new KernelException("kill " + pid + " with signal " + signal, (int) -r);
        }
    }

    /**
     * Waits for {@code pid}, a child (or, as subreaper, an orphaned descendant) of this process, to end; returns its
     * exit code, or 128+N if signal N ended it. Retries on EINTR.
     */
    public static int waitForExit(int pid) {
        return Kernel.exitCodeOf(Kernel.waitpid(pid, false));
    }
}
