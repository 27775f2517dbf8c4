package dev.jrun.linux.seccomp;

import dev.jrun.core.JrunException;

/** linux.seccomp cannot be turned into a filter on this machine (libseccomp refused a part, or lacks a feature). */
public class SeccompException extends JrunException {
    public SeccompException(String message) {
        super(message);
    }

    public SeccompException(String message, Throwable cause) {
        super(message, cause);
    }
}
