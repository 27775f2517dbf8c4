package dev.jrun.linux.plan;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;

/**
 * "mkdir -p" as plan ops: one mkdirat per path component, EEXIST being fine. The child cannot loop over a path's
 * components itself (no strings, no allocation), so the compiler unrolls the loop here, in the parent.
 */
public final class MkdirAll {
    /** openat(2)'s "relative to the current directory". */
    public static final long AT_FDCWD = -100;

    private MkdirAll() {
    }

    /** Emits the ops that create the absolute {@code path} and its missing parents with {@code mode}. */
    public static void emit(PlanBuilder b, String path, int mode) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        StringBuilder prefix = new StringBuilder();
        int start = 1;
        while (start < path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (end > start) {
                prefix.append('/').append(path, start, end);
                int at = b.arena().string(prefix.toString());
                b.sys("mkdir " + prefix, SyscallNumbers.MKDIRAT, imm(AT_FDCWD), addr(at), imm(mode))
                        .expecting(Errno.EEXIST);
            }
            start = end + 1;
        }
    }
}
