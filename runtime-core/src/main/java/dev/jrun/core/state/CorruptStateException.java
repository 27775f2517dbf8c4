package dev.jrun.core.state;

import dev.jrun.core.JrunException;

/** A state.json that cannot be read back: truncated by a crash, emptied, or edited by hand. */
public final class CorruptStateException extends JrunException {
    private final String problem;

    public CorruptStateException(String source, String problem, Throwable cause) {
        super("corrupt container state " + source + ": " + problem, cause);
        this.problem = problem;
    }

    /** What is wrong, without the file name; used for {@code jrun list}'s broken entries. */
    public String problem() {
        return problem;
    }
}
