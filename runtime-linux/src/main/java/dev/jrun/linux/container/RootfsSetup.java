package dev.jrun.linux.container;

import dev.jrun.linux.plan.PlanBuilder;

/**
 * The container's filesystem view, emitted as plan ops, in the child's new mount namespace.
 */
public final class RootfsSetup {
    private RootfsSetup() {}

    /**
     * Before pivot_root: make the host mounts non-shared (rootfsPropagation, default rslave as runc), bind the
     * rootfs onto itself, every {@code mounts[]} entry in config order (destinations resolved inside the rootfs,
     * created when missing), default devices, linux.devices and the /dev symlinks.
     */
    public static void emitMounts(PlanBuilder b, PlanContext ctx) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * pivot_root (or, with --no-pivot, MS_MOVE + chroot), then sysctl, readonlyPaths, maskedPaths and a read-only
     * root, in runc's order. Ends with the cwd at the new "/".
     */
    public static void emitPivotAndFinish(PlanBuilder b, PlanContext ctx) {
        throw new UnsupportedOperationException("not yet");
    }
}
