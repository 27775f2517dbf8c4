package dev.jrun.linux.seccomp;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The part of libseccomp's C API the compiler needs, bound by JNA direct mapping. Unsigned C types (uint32_t
 * actions, arch tokens) are passed as Java ints with the same bits.
 *
 * <p>The launcher points JNA at the system libraries (jna.nosys), so the library is looked up by name first; when
 * only the runtime package is installed there is no unversioned libseccomp.so symlink, hence the absolute fallback.
 */
final class LibSeccomp {
    static final String FALLBACK_PATH = "/usr/lib/x86_64-linux-gnu/libseccomp.so.2";

    static {
        try {
            Native.register(LibSeccomp.class, "seccomp");
        } catch (UnsatisfiedLinkError byName) {
            Native.register(LibSeccomp.class, FALLBACK_PATH);
        }
    }

    private LibSeccomp() {}

    /** Forces the static initializer, so a missing library is reported before a filter is half built. */
    static void load() {}

    static native Pointer seccomp_init(int defaultAction);

    static native void seccomp_release(Pointer ctx);

    static native int seccomp_attr_set(Pointer ctx, int attr, int value);

    static native int seccomp_arch_resolve_name(String name);

    static native int seccomp_arch_add(Pointer ctx, int archToken);

    static native int seccomp_syscall_resolve_name(String name);

    /** seccomp_rule_add() is a varargs wrapper around this very function; the array may be null when argCount is 0. */
    static native int seccomp_rule_add_array(Pointer ctx, int action, int syscall, int argCount, Pointer args);

    static native int seccomp_export_bpf(Pointer ctx, int fd);

    static native int seccomp_api_get();
}
