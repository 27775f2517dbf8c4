package dev.jrun.cli;

import dev.jrun.cli.log.LogFormat;
import java.nio.file.Path;

/**
 * runc's global flags, as both parsers (the fast path and picocli) fill them. Fields are set by the parsers;
 * {@link #root()} resolves the default the way runc does.
 */
public final class GlobalOptions {
    String root;
    String log;
    LogFormat logFormat = LogFormat.TEXT;
    boolean debug;
    boolean systemdCgroup;
    String rootless = "auto";
    String criu = "criu";

    /** --root, or /run/jrun for root and $XDG_RUNTIME_DIR/jrun for anyone else (runc's rule). */
    public Path root() {
        if (root != null) {
            return Path.of(root);
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty() && CallerIds.uid() != 0) {
            return Path.of(xdg, "jrun");
        }
        return Path.of("/run/jrun");
    }

    public String log() {
        return log;
    }

    public LogFormat logFormat() {
        return logFormat;
    }

    public boolean debug() {
        return debug;
    }

    public boolean systemdCgroup() {
        return systemdCgroup;
    }

    public String rootless() {
        return rootless;
    }

    /** runc's --rootless values. */
    static boolean isRootlessValue(String value) {
        return value.equals("true") || value.equals("false") || value.equals("auto");
    }


    /** A stable text form of every field; tests compare the two parsers with it. */
    String describe() {
        return "root=" + root + " log=" + log + " logFormat=" + logFormat + " debug=" + debug
                + " systemdCgroup=" + systemdCgroup + " rootless=" + rootless + " criu=" + criu;
    }
}
