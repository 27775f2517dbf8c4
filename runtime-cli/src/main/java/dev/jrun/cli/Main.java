package dev.jrun.cli;

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
                return fast.call();
            }
            return PicocliRunner.run(args);
        } catch (Throwable failure) {
            return ErrorReporter.report(failure, System.err);
        }
    }
}
