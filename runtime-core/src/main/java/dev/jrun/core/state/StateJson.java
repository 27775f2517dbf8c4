package dev.jrun.core.state;

import dev.jrun.core.json.GoJsonWriter;
import dev.jrun.core.json.JsonSyntaxException;
import dev.jrun.core.json.MiniJsonReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * state.json and the two JSON shapes runc prints ({@code state} and {@code list --format json}). Uses only jrun's
 * own tiny codec ({@link MiniJsonReader}, {@link GoJsonWriter}): {@code jrun state} and {@code jrun list} must start
 * fast, so they load no third-party JSON library at all.
 */
public final class StateJson {
    private static final String[] REQUIRED = {
        "ociVersion", "id", "pid", "status", "bundle", "rootfs", "created", "owner"};

    private StateJson() {
    }

    /** The internal state.json, including jrun-only fields. Compact, UTF-8. */
    public static byte[] write(ContainerState s) {
        GoJsonWriter w = GoJsonWriter.compact();
        w.beginObject();
        writeCommon(w, s);
        w.field("owner", s.owner());
        w.field("initStartTime", s.initStartTime());
        w.endObject();
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses an internal state.json; {@code source} names it in error messages. Every field jrun writes is required
     * except annotations and initStartTime, so a half-written or hand-truncated file is reported, not half-loaded.
     */
    public static ContainerState parse(byte[] json, String source) {
        if (json.length == 0) {
            throw new CorruptStateException(source, "file is empty", null);
        }
        if (!startsWithObject(json)) {
            throw new CorruptStateException(source, "expected a JSON object", null);
        }
        Object root;
        try {
            root = MiniJsonReader.parse(json);
        } catch (JsonSyntaxException e) {
            if (e.truncated()) {
                throw new CorruptStateException(source, "truncated JSON (" + e.reason() + ")", e);
            }
            throw new CorruptStateException(source, "invalid JSON: " + e.getMessage(), e);
        }
        return readState((Map<?, ?>) root, source);
    }

    private static boolean startsWithObject(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    private static ContainerState readState(Map<?, ?> fields, String source) {
        String ociVersion = null;
        String id = null;
        String statusText = null;
        String bundle = null;
        String rootfs = null;
        String createdText = null;
        String owner = null;
        Integer pid = null;
        long initStartTime = 0L;
        Map<String, String> annotations = null;
        for (Map.Entry<?, ?> e : fields.entrySet()) {
            String name = (String) e.getKey();
            Object value = e.getValue();
            switch (name) {
                case "ociVersion" -> ociVersion = string(value, name, source);
                case "id" -> id = string(value, name, source);
                case "status" -> statusText = string(value, name, source);
                case "bundle" -> bundle = string(value, name, source);
                case "rootfs" -> rootfs = string(value, name, source);
                case "created" -> createdText = string(value, name, source);
                case "owner" -> owner = string(value, name, source);
                case "pid" -> {
                    long n = integer(value, name, source);
                    if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                        throw new CorruptStateException(source, "field \"pid\" is out of range: " + n, null);
                    }
                    pid = (int) n;
                }
                case "initStartTime" -> initStartTime = integer(value, name, source);
                case "annotations" -> annotations = readAnnotations(value, source);
                default -> {
                    // Tolerate fields from newer jrun versions.
                }
            }
        }
        for (String required : REQUIRED) {
            if (!fields.containsKey(required)) {
                throw new CorruptStateException(source, "missing field \"" + required + "\"", null);
            }
        }
        ContainerStatus status;
        Instant created;
        try {
            status = ContainerStatus.parse(statusText);
            created = GoTime.parse(createdText);
        } catch (IllegalArgumentException e) {
            throw new CorruptStateException(source, e.getMessage(), e);
        }
        return new ContainerState(ociVersion, id, pid, status, bundle, rootfs, created, annotations, owner,
                initStartTime);
    }

    private static String string(Object value, String field, String source) {
        if (value instanceof String s) {
            return s;
        }
        throw mustBe(field, "a string", source);
    }

    private static long integer(Object value, String field, String source) {
        if (value instanceof Long n) {
            return n;
        }
        if (value instanceof BigInteger) { // an integer, but not one jrun ever wrote
            throw new CorruptStateException(source, "field \"" + field + "\" is out of range: " + value, null);
        }
        throw mustBe(field, "an integer", source);
    }

    private static Map<String, String> readAnnotations(Object value, String source) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw mustBe("annotations", "an object", source);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = (String) e.getKey();
            if (!(e.getValue() instanceof String v)) {
                throw mustBe("annotations." + key, "a string", source); // concatenation only when failing
            }
            annotations.put(key, v);
        }
        return annotations;
    }

    private static CorruptStateException mustBe(String field, String what, String source) {
        return new CorruptStateException(source, "field \"" + field + "\" must be " + what, null);
    }

    /** Exactly what {@code runc state} prints (2-space indent), plus a trailing newline runc omits. */
    public static String renderState(ContainerState s) {
        GoJsonWriter w = GoJsonWriter.indented("  ");
        writeRuncState(w, s);
        return w.appendTo(new StringBuilder(512)).append('\n').toString();
    }

    /**
     * Exactly what {@code runc list --format json} prints: one compact line and its newline, {@code null} for no
     * containers (Go marshals a nil slice as null).
     */
    public static String renderList(List<ContainerState> states) {
        if (states.isEmpty()) {
            return "null\n";
        }
        GoJsonWriter w = GoJsonWriter.compact();
        w.beginArray();
        for (ContainerState s : states) {
            writeRuncState(w, s);
        }
        w.endArray();
        return w.appendTo(new StringBuilder(256 * states.size())).append('\n').toString();
    }

    private static void writeRuncState(GoJsonWriter w, ContainerState s) {
        w.beginObject();
        writeCommon(w, s);
        w.field("owner", s.owner());
        w.endObject();
    }

    private static void writeCommon(GoJsonWriter w, ContainerState s) {
        w.field("ociVersion", s.ociVersion());
        w.field("id", s.id());
        w.field("pid", s.pid());
        w.field("status", s.status().json());
        w.field("bundle", s.bundle());
        w.field("rootfs", s.rootfs());
        w.field("created", GoTime.format(s.created()));
        writeAnnotations(w, s.annotations());
    }

    // Omitted when empty (runc's omitempty); keys sorted, as Go marshals maps.
    private static void writeAnnotations(GoJsonWriter w, Map<String, String> annotations) {
        if (annotations == null || annotations.isEmpty()) {
            return;
        }
        w.name("annotations").beginObject();
        for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
            w.field(e.getKey(), e.getValue());
        }
        w.endObject();
    }
}
