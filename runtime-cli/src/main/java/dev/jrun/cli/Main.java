package dev.jrun.cli;

import dev.jrun.cli.log.Log;
import dev.jrun.cli.log.LogSettings;

/** The jrun command. Every failure reaches {@link ErrorReporter}; the exit code is the command's. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args);
        System.out.flush();
        System.err.flush();
        // halt, not exit: jrun registers no shutdown hooks, and System.exit initialises the JDK's System.Logger to
        // log the exit (JDK 21+), ~15 ms of every command. Everything jrun writes is flushed by now.
        Runtime.getRuntime().halt(code);
    }

    static int run(String[] args) {
        try {
            JrunSubcommand fast = FastPath.parse(args);
            if (fast != null) {
                LogSettings.set(FastPath.logSettings(fast.globals));
                checkLogFile();
                Log.debug("command line: " + String.join(" ", args) + " (fast path)");
                return fast.call();
            }
            return PicocliRunner.run(args);
        } catch (Throwable failure) {
            return ErrorReporter.report(failure, System.err);
        }
    }

    /**
     * runc opens --log with O_CREAT only, so a log in a missing directory is an error; logback would quietly create
     * the directories. Checked before any command runs, so a typo in --log leaves nothing behind.
     */
    static void checkLogFile() {
        LogSettings settings = LogSettings.current();
        if (settings.toStderr()) {
            return;
        }
        java.nio.file.Path parent = java.nio.file.Path.of(settings.file()).toAbsolutePath().getParent();
        if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
            LogSettings.set(new LogSettings(null, settings.format(), settings.debug()));
            throw new dev.jrun.core.JrunException("open " + settings.file() + ": no such file or directory (--log: "
                    + parent + " is not a directory)");
        }
    }
}
