package dev.jrun.linux.kernel;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * libc's {@code long syscall(long number, ...)}, bound by JNA direct mapping ({@link Native#register}): the native
 * method is linked once, here, so a call is a plain JNI transition with primitive arguments — no proxy, no
 * reflection, no boxing, no Java allocation.
 *
 * <p>The variadic C function is declared with six fixed {@code long} arguments: on x86_64 the System V ABI passes
 * integer arguments of variadic and fixed functions in the same registers (rdi, rsi, rdx, rcx, r8, r9, then the
 * stack), and libc's syscall() reads exactly six after the number, so unused ones are simply 0.
 *
 * <p>No {@code throws LastErrorException}: with it JNA would construct and throw an exception on every failing
 * call, which the child must never do (allocation, and exception paths the parent may never have run). JNA saves
 * errno into its own per-thread slot after every direct call regardless, so {@link LinuxSyscalls} reads it with
 * {@link Native#getLastError()} right after the call instead.
 */
final class LibcSyscall {
    static {
        Native.register(LibcSyscall.class, Platform.C_LIBRARY_NAME);
    }

    private LibcSyscall() {}

    /** Returns the kernel's result, or -1 with errno set (libc convention). */
    static native long syscall(long number, long a0, long a1, long a2, long a3, long a4, long a5);
}
