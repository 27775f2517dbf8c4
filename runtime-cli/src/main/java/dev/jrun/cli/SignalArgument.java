package dev.jrun.cli;

import dev.jrun.core.JrunException;
import java.util.Locale;

/**
 * The signal argument of {@code kill}, parsed as runc parses it: a number is taken as is (the kernel judges it), a
 * name is upper-cased and may come with or without "SIG". x86_64 numbers.
 *
 * <p>Private to the CLI for now: dev.jrun.linux.process.Signals (being written elsewhere) will replace the table.
 */
final class SignalArgument {
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;

    private static final String[] NAMES = {
        null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM",
        "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
        "WINCH", "IO", "PWR", "SYS",
    };

    private SignalArgument() {
    }

    /** The signal number; "unknown signal \"X\"" (runc's text) for a name that is none. */
    static int parse(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            // a name then
        }
        String name = raw.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        switch (name) {
            case "IOT" -> name = "ABRT";
            case "CLD" -> name = "CHLD";
            case "POLL" -> name = "IO";
            default -> {
            }
        }
        for (int n = 1; n < NAMES.length; n++) {
            if (NAMES[n].equals(name)) {
                return n;
            }
        }
        throw new JrunException("unknown signal \"" + raw + "\"");
    }

    /** "SIGTERM" for 15; "signal 40" for a number without a name. */
    static String name(int signal) {
        return signal > 0 && signal < NAMES.length ? "SIG" + NAMES[signal] : "signal " + signal;
    }
}
