package dev.jrun.cli;

import dev.jrun.core.JrunException;

/** Bad command-line input: an unknown flag or command, a missing argument. */
final class UsageException extends JrunException {
    UsageException(String message, int exitCode) {
        super(message, exitCode, null);
    }
}
