package dev.jrun.linux.process;

import dev.jrun.core.JrunException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The envp the container process gets, as runc 1.1.5 builds it: runc init sets each {@code process.env} entry with
 * Go's {@code os.Setenv} and execs with {@code os.Environ()}. So a repeated name keeps its first position and takes
 * its last value, and HOME, when missing or empty, is set from the user's passwd entry (in place if present).
 */
public final class ProcessEnvironment {
    private ProcessEnvironment() {}

    /**
     * @param env {@code process.env} (null is empty)
     * @param home the user's home directory, used when env has no non-empty HOME
     * @throws JrunException with runc's wording for an entry without '=' or with an empty name
     */
    public static List<String> of(List<String> env, String home) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String entry : env == null ? List.<String>of() : env) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new JrunException("invalid environment variable: \"" + entry + "\"");
            }
            if (eq == 0) {
                throw new JrunException("environment variable name can't be empty: \"" + entry + "\"");
            }
            if (entry.indexOf('\0') >= 0) {
                throw new JrunException("environment variable can't contain null(\\x00): \"" + entry.replace("\0",
                        "\\x00") + "\"");
            }
            // put() on an existing key keeps its position: Go's Setenv overwrites the first mention in place.
            vars.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        String current = vars.get("HOME");
        if (current == null || current.isEmpty()) {
            vars.put("HOME", home);
        }
        List<String> out = new ArrayList<>(vars.size());
        vars.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** Whether {@link #of} will need a home directory: env's last HOME entry is missing or empty. */
    public static boolean needsHome(List<String> env) {
        String home = null;
        for (String entry : env == null ? List.<String>of() : env) {
            if (entry.startsWith("HOME=")) {
                home = entry.substring(5);
            }
        }
        return home == null || home.isEmpty();
    }

    /** The value of {@code name} in an env list as {@link #of} returns it, or null. */
    public static String get(List<String> env, String name) {
        String prefix = name + "=";
        for (String entry : env) {
            if (entry.startsWith(prefix)) {
                return entry.substring(prefix.length());
            }
        }
        return null;
    }
}
