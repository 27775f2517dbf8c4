package dev.jrun.linux.plan;

/** The interpreter ran more steps than allowed: the plan loops forever, a compiler bug rather than a kernel error. */
public final class RunawayPlanException extends RuntimeException {
    private final int opIndex;
    private final long steps;

    public RunawayPlanException(int opIndex, long steps) {
        super("plan still running after " + steps + " steps (at op " + opIndex + "): it loops forever");
        this.opIndex = opIndex;
        this.steps = steps;
    }

    public int opIndex() {
        return opIndex;
    }

    public long steps() {
        return steps;
    }
}
