package dev.jrun.cli;

import dev.jrun.core.features.Implemented;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Version facts. The installed launcher passes them as system properties (jrun.version, jrun.commit): reading a
 * resource out of the jar costs ~10 ms of URL and reflection machinery on every start. Without the launcher (tests,
 * a bare class path) they come from the resource stamped into the jar at build time.
 */
record BuildInfo(String version, String commit, String spec) {
    static BuildInfo load() {
        String version = System.getProperty("jrun.version");
        String commit = System.getProperty("jrun.commit");
        if (version != null && commit != null) {
            return new BuildInfo(version, commit, Implemented.OCI_VERSION_MAX);
        }
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
                // Not Runtime.version(): its toString spins lambdas, ~10 ms at startup.
                + "java: " + System.getProperty("java.runtime.version") + "\n";
    }
}
