package dev.jrun.linux.process;

import dev.jrun.core.JrunException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Signal names and numbers (x86_64), parsed the way runc 1.1.5's {@code kill} does: a decimal integer is taken as
 * the number as is (Go's {@code strconv.Atoi}: an optional sign, no range check; the kernel rejects a bad number
 * with EINVAL); anything else is upper-cased, given a {@code SIG} prefix if it lacks one, and looked up among the 31
 * classic names of x/sys/unix's table. Real-time signals have no names there ({@code SIGRTMIN+1} is unknown), only
 * numbers (34..64).
 */
public final class Signals {
    /** Index = signal number - 1. */
    private static final List<String> NAMES = List.of("SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS");

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private Signals() {}

    /**
     * The number of a {@code kill} argument: "9", "KILL", "SIGKILL", "sigkill", "Term".
     *
     * @throws JrunException {@code unknown signal "FOO"} (runc's wording) for anything else
     */
    public static int parse(String raw) {
        Optional<Integer> number = atoi(raw);
        if (number.isPresent()) {
            return number.get();
        }
        String name = raw.toUpperCase(Locale.ROOT);
        if (!name.startsWith("SIG")) {
            name = "SIG" + name;
        }
        int index = NAMES.indexOf(name);
        if (index < 0) {
            throw new JrunException("unknown signal \"" + raw + "\"");
        }
        return index + 1;
    }

    /** {@code SIGKILL} for 9; empty for 0, a real-time signal or any other number without a name. */
    public static Optional<String> name(int signal) {
        return signal >= 1 && signal <= NAMES.size() ? Optional.of(NAMES.get(signal - 1)) : Optional.empty();
    }

    /** All 31 names, in number order. */
    public static List<String> names() {
        return NAMES;
    }

    /** Go's Atoi on a 64-bit int, limited to what a C int signal argument can carry. */
    private static Optional<Integer> atoi(String s) {
        int start = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        if (s.length() == start || s.length() - start > 19) {
            return Optional.empty();
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        long value = Long.parseLong(s);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            // Atoi accepts it, kill(2) takes an int: Go would truncate. Refusing is clearer than signalling at random.
            throw new JrunException("signal number out of range: \"" + s + "\"");
        }
        return Optional.of((int) value);
    }
}
