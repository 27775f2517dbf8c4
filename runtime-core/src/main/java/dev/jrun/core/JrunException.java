package dev.jrun.core;

/**
 * A failure that jrun reports to its user. The message is complete and user-facing: it says what is wrong, where
 * (JSON path, file, flag) and, when it helps, what to do. The CLI turns every JrunException into one error log
 * entry and an exit code; nothing else prints errors.
 */
public class JrunException extends RuntimeException {
    private final int exitCode;

    public JrunException(String message) {
        this(message, 1, null);
    }

    public JrunException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    public JrunException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
