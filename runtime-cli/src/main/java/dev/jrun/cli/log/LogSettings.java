package dev.jrun.cli.log;

/**
 * Where and how jrun logs, from --log, --log-format and --debug. Held statically because logback's configurator is
 * created by ServiceLoader and can only read it from here.
 */
public record LogSettings(String file, LogFormat format, boolean debug) {
    private static volatile LogSettings current = new LogSettings(null, LogFormat.TEXT, false);

    public static LogSettings current() {
        return current;
    }

    public static void set(LogSettings settings) {
        current = settings;
    }

    /** True when log entries go to stderr (no --log), as runc's do by default. */
    public boolean toStderr() {
        return file == null || file.isEmpty() || file.equals("/dev/stderr");
    }
}
