package dev.jrun.linux.container;

import dev.jrun.linux.plan.PlanBuilder;

/**
 * The config-specific parts of a container plan, in the order the child runs them. {@link #STANDARD} is the real
 * container; tests of the process model swap in smaller steps (for instance no rootfs at all) to exercise the
 * clone, sync and report protocol on its own.
 */
public interface ChildSteps {
    /** In the new mount namespace, before pivot_root. */
    void mounts(PlanBuilder b, PlanContext ctx);

    /** pivot_root and everything that needs the final root: sysctl, readonly and masked paths, read-only root. */
    void pivotAndFinish(PlanBuilder b, PlanContext ctx);

    /** The process's attributes, up to the executable check; the last ops before READY. */
    void processSetup(PlanBuilder b, PlanContext ctx);

    /** After start released the fifo: the execve. */
    void exec(PlanBuilder b, PlanContext ctx);

    ChildSteps STANDARD = new ChildSteps() {
        @Override
        public void mounts(PlanBuilder b, PlanContext ctx) {
            RootfsSetup.emitMounts(b, ctx);
        }

        @Override
        public void pivotAndFinish(PlanBuilder b, PlanContext ctx) {
            RootfsSetup.emitPivotAndFinish(b, ctx);
        }

        @Override
        public void processSetup(PlanBuilder b, PlanContext ctx) {
            ProcessSetup.emitSetup(b, ctx);
        }

        @Override
        public void exec(PlanBuilder b, PlanContext ctx) {
            ProcessSetup.emitExec(b, ctx);
        }
    };
}
