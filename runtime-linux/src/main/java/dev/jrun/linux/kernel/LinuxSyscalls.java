package dev.jrun.linux.kernel;

import com.sun.jna.Native;
import dev.jrun.linux.plan.Syscalls;

/**
 * The real kernel behind {@link Syscalls}: libc's syscall() through {@link LibcSyscall}, with libc's "-1 and errno"
 * turned back into the raw kernel convention (a value ≥ 0, or {@code -errno}) that plans are written against.
 *
 * <p>The conversion is safe because no Linux syscall returns -1 as a success value: the kernel reports errors as
 * -4095..-1, and libc's syscall() maps exactly that range to -1 plus errno, so -1 always means "look at errno".
 *
 * <p>{@link PlanExecutor} calls the static {@link #invoke} (no virtual dispatch, no interface call site in the
 * child); the instance method exists so tests and {@link dev.jrun.linux.plan.PlanInterpreter} can use the same
 * kernel through the interface.
 */
public final class LinuxSyscalls implements Syscalls {
    public static final LinuxSyscalls INSTANCE = new LinuxSyscalls();

    private LinuxSyscalls() {}

    @Override
    public long syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        return invoke(nr, a0, a1, a2, a3, a4, a5);
    }

    /**
     * One syscall, raw result. Touches nothing but the native call and JNA's saved errno (a per-thread native slot;
     * in a cloned child it is the copied slot of the thread that cloned, which only this thread uses).
     */
    public static long invoke(long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        long result = LibcSyscall.syscall(nr, a0, a1, a2, a3, a4, a5);
        // Read at once: any later native call made by JNA on this thread would overwrite the saved value.
        return result == -1 ? -Native.getLastError() : result;
    }
}
