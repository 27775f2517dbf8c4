package dev.jrun.linux.plan;

/** A plan that the executor must never be given: a bug in the compiler, found in the parent before any clone. */
public final class InvalidPlanException extends RuntimeException {
    public InvalidPlanException(String message) {
        super(message);
    }
}
