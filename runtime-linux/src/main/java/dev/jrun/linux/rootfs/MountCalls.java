package dev.jrun.linux.rootfs;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;
import static dev.jrun.linux.rootfs.MountFlags.*;

import dev.jrun.linux.plan.Arg;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.SyscallNumbers;
import java.util.Map;

/** mount(2) calls as runc's mountPropagate makes them, on targets an {@link InRootPaths} resolved. */
public final class MountCalls {
    private MountCalls() {}

    /**
     * Emits the mount of {@code source} ({@code type}, {@code o}'s flags and data) on the current target, then each
     * propagation option as its own call on a freshly resolved target. {@code what} describes the mount.
     */
    public static void mountThenPropagate(PlanBuilder b, InRootPaths paths, MountOptions o, String dest, String type,
            String source, String what) {
        long flags = o.flags();
        // runc mounts tmpfs and /dev read-write first (devices and modes go there) and remounts them read-only at
        // the end.
        if ("tmpfs".equals(type) || dest.equals("/dev")) {
            flags &= ~MS_RDONLY;
        }
        int target = paths.scratchPath();
        b.sys(what, SyscallNumbers.MOUNT, stringOrNull(b, source), addr(target), stringOrNull(b, type), imm(flags),
                stringOrNull(b, o.data()));
        if (!o.propagation().isEmpty()) {
            paths.target(dest, 0);
            for (long p : o.propagation()) {
                b.sys("make " + dest + " " + propagationName(p), SyscallNumbers.MOUNT, imm(0), addr(target), imm(0),
                        imm(p), imm(0));
            }
        }
    }

    /** "rslave" for MS_SLAVE|MS_REC, and so on, for op descriptions. */
    public static String propagationName(long flags) {
        for (Map.Entry<String, Long> e : MountOptions.PROPAGATION.entrySet()) {
            if (e.getValue() == flags) {
                return e.getKey();
            }
        }
        return "propagation 0x" + Long.toHexString(flags);
    }

    /** A NUL-terminated string in the arena, or NULL for null or "" (as Go's mount wrapper passes empty data). */
    public static Arg stringOrNull(PlanBuilder b, String s) {
        return s == null || s.isEmpty() ? imm(0) : addr(b.arena().string(s));
    }
}
