package dev.jrun.linux.container;

import dev.jrun.core.JrunException;
import dev.jrun.linux.kernel.Kernel;
import dev.jrun.linux.kernel.KernelException;
import dev.jrun.linux.plan.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The created container's gate: the init blocks reading exec.fifo in its state directory until start writes.
 *
 * <p>The init holds the fifo open read-write, so opening it write-only and non-blocking succeeds exactly while the
 * init waits (or has not yet exec'd), and fails at once with ENXIO when nobody holds it: a start can never hang.
 */
public final class ExecFifo {
    public static final String NAME = "exec.fifo";

    private ExecFifo() {}

    /**
     * Releases the init of the container whose state directory is {@code stateDir}: writes one byte, then removes
     * the fifo. Throws {@link JrunException} when no process waits on it (the init died, or it was started).
     */
    public static void release(Path stateDir) {
        Path fifo = stateDir.resolve(NAME);
        int fd;
        try {
            fd = Kernel.open(fifo.toString(), Kernel.O_WRONLY | Kernel.O_NONBLOCK | Kernel.O_CLOEXEC);
        } catch (KernelException e) {
            if (e.errno() == Errno.ENXIO.code() || e.errno() == Errno.ENOENT.code()) {
                throw new JrunException("cannot start a container whose init is no longer waiting (" + fifo + ": "
                        + e.getMessage().substring(e.getMessage().lastIndexOf(": ") + 2) + ")");
            }
            throw e;
        }
        try {
            Kernel.write(fd, new byte[] {0}, "write " + fifo);
        } finally {
            Kernel.close(fd);
        }
        try {
            Files.deleteIfExists(fifo);
        } catch (IOException e) {
            throw new JrunException("cannot remove " + fifo + ": " + e.getMessage(), e);
        }
    }
}
