package dev.jrun.linux.plan;

/**
 * Turns what the mute child reported (an op index and an errno) into the message a user reads. The child cannot
 * format anything; the parent still holds the plan, so the op's description supplies the context.
 */
public final class PlanErrors {
    private PlanErrors() {}

    /** {@code "mount proc on /proc: EPERM (operation not permitted)"}. */
    public static String message(Outcome.Failed failed) {
        return failed.description() + ": " + errno(failed.errno());
    }

    /** {@code "EPERM (operation not permitted)"}, or {@code "errno 300"} for a number not in {@link Errno}. */
    public static String errno(int errno) {
        return Errno.of(errno).map(e -> e.name() + " (" + e.text() + ")").orElse("errno " + errno);
    }
}
