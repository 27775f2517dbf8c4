package dev.jrun.linux.plan;

/**
 * The one primitive a plan needs from the kernel. The result is raw, as the kernel returns it: a value ≥ 0, or
 * {@code -errno} (no libc errno variable: the child must not touch thread-local libc state it did not set up).
 */
@FunctionalInterface
public interface Syscalls {
    long syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
}
