package dev.jrun.cli;

import dev.jrun.cli.log.Log;
import dev.jrun.cli.log.LogSettings;
import dev.jrun.core.JrunException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The one place that turns a failure into a message and an exit code, the way runc does: the error is a log entry
 * (stderr by default, the --log file when given — engines read it there), and with --log the bare message is also
 * written to stderr so a person still sees it.
 */
final class ErrorReporter {
    private ErrorReporter() {
    }

    static int report(Throwable failure, PrintStream stderr) {
        String message;
        int exitCode;
        if (failure instanceof JrunException e) {
            message = e.getMessage();
            exitCode = e.exitCode();
        } else {
            // Not an anticipated failure: say so plainly rather than dress a bug up as a user error.
            message = "internal error: " + failure;
            exitCode = 1;
        }
        if (Log.debugEnabled()) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            Log.debug(trace.toString());
        }
        Log.error(message);
        if (!LogSettings.current().toStderr()) {
            stderr.println(message);
        }
        stderr.flush();
        return exitCode;
    }
}
