package dev.jrun.core.state;

import java.util.regex.Pattern;

/** The rules a container id must satisfy; ids become directory names under the state root. */
public final class ContainerIds {
    // Same character class as runc. Java's \w is ASCII-only by default, as Go's is.
    private static final Pattern VALID = Pattern.compile("^[\\w+\\-.]+$");
    private static final int MAX_LENGTH = 1024;

    private ContainerIds() {
    }

    public static void check(String id) {
        if (id == null || id.length() > MAX_LENGTH || !VALID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            String shown = id == null ? "null" : "\"" + abbreviate(id) + "\"";
            // runc prints "invalid container ID format"; keep that prefix so wrappers that grep for it still match.
            throw new InvalidContainerIdException("invalid container ID format: " + shown
                    + " must match [\\w+\\-.]+, be at most " + MAX_LENGTH + " characters and not be \".\" or \"..\"");
        }
    }

    private static String abbreviate(String id) {
        return id.length() <= 64 ? id : id.substring(0, 64) + "...";
    }
}
