package dev.jrun.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version facts stamped into the jar at build time (resource filtering; install.sh passes the git commit). */
record BuildInfo(String version, String commit, String spec) {
    static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/jrun-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Unreadable build facts must not break the runtime; report them as unknown.
        }
        return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("commit", "unknown"),
                p.getProperty("spec", "unknown"));
    }

    /** The shape go-runc parses: "<name> version X", then "commit:" and "spec:" lines. */
    String versionText() {
        return "jrun version " + version + "\n"
                + "commit: " + commit + "\n"
                + "spec: " + spec + "\n"
                + "java: " + Runtime.version() + "\n";
    }
}
