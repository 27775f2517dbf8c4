package dev.jrun.core.state;

/** The rules a container id must satisfy; ids become directory names under the state root. */
public final class ContainerIds {
    private static final int MAX_LENGTH = 1024;

    private ContainerIds() {
    }

    public static void check(String id) {
        if (id == null || id.length() > MAX_LENGTH || !validChars(id) || id.equals(".") || id.equals("..")) {
            String shown = id == null ? "null" : "\"" + abbreviate(id) + "\"";
            // runc prints "invalid container ID format"; keep that prefix so wrappers that grep for it still match.
            throw new InvalidContainerIdException("invalid container ID format: " + shown
                    + " must match [\\w+\\-.]+, be at most " + MAX_LENGTH + " characters and not be \".\" or \"..\"");
        }
    }

    /**
     * runc's {@code ^[\w+\-.]+$} with ASCII \w, as Go's regexp has it. Checked by hand: java.util.regex adds ~30
     * classes to the start of every `jrun state` (DESIGN.md §2).
     */
    private static boolean validChars(String id) {
        if (id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '+' || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String id) {
        return id.length() <= 64 ? id : id.substring(0, 64) + "...";
    }
}
