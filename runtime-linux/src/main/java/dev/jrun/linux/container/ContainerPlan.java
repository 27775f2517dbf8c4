package dev.jrun.linux.container;

import dev.jrun.linux.plan.Arg;
import dev.jrun.linux.plan.Plan;

/**
 * A compiled container: the plan, the register where the parent's run of it leaves the clone's result (the child's
 * pid, or -errno), and whether the init is a grandchild (two-clone shape) whose pid the child reports.
 */
public record ContainerPlan(Plan plan, Arg.Reg cloneResult, boolean initIsGrandchild) {
}
