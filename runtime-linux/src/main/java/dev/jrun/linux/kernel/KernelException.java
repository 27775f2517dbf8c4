package dev.jrun.linux.kernel;

import dev.jrun.core.JrunException;
import dev.jrun.linux.plan.PlanErrors;

/** A syscall the parent made failed: "open /run/jrun/x/exec.fifo: ENXIO (no such device or address)". */
public final class KernelException extends JrunException {
    private final int errno;

    public KernelException(String what, int errno) {
        super(what + ": " + PlanErrors.errno(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
