package dev.jrun.core.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Collects problems while the validators walk a spec, and spells paths and values the same way everywhere. */
final class Problems {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final List<Problem> list = new ArrayList<>();

    void add(String path, String message) {
        list.add(new Problem(path, message));
    }

    List<Problem> list() {
        return List.copyOf(list);
    }

    /** Requires {@code value} to be one of {@code allowed}; the message lists every allowed value. */
    void oneOf(String path, String value, String what, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(path, quote(value) + " is not " + what + " (" + String.join(", ", allowed) + ")");
        }
    }

    void required(String path, Object value) {
        if (value == null || (value instanceof String s && s.isEmpty())) {
            add(path, "is required");
        }
    }

    void absolute(String path, String value) {
        if (value != null && !value.startsWith("/")) {
            add(path, quote(value) + " is not an absolute path");
        }
    }

    void uint32(String path, Long value) {
        if (value != null && (value < 0 || value > UINT32_MAX)) {
            add(path, value + " is out of range (0 to " + UINT32_MAX + ")");
        }
    }

    void range(String path, Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            add(path, value + " is out of range (" + min + " to " + max + ")");
        }
    }

    static String at(String path, int index) {
        return path + "[" + index + "]";
    }

    /** Map keys (sysctl names, annotation keys) contain dots, so they are quoted like in the parse errors. */
    static String key(String path, String key) {
        return PLAIN_KEY.matcher(key).matches() ? path + "." + key : path + "[" + quote(key) + "]";
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
