package dev.jrun.linux.container;

import dev.jrun.linux.plan.PlanBuilder;

/**
 * The container process's own attributes, emitted as plan ops: rlimits, oom_score_adj, noNewPrivileges, bounding
 * set, user and groups, capability sets, ambient set, cwd, umask, the executable lookup (reported before the
 * container waits in created), and the final execve.
 */
public final class ProcessSetup {
    private ProcessSetup() {}

    /**
     * Everything up to and including the executable check, run after the rootfs is final (after pivot_root and
     * readonly/masked paths). A missing executable fails the plan at an op whose description contains {@code
     * executable file not found in $PATH} (a bare name) or {@code no such file or directory} (a path).
     */
    public static void emitSetup(PlanBuilder b, PlanContext ctx) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The execve (or execve of each PATH candidate in order): the last ops before the plan's failure handler. */
    public static void emitExec(PlanBuilder b, PlanContext ctx) {
        throw new UnsupportedOperationException("not yet");
    }
}
