package dev.jrun.core.state;

import dev.jrun.core.json.GoIndent;
import dev.jrun.core.json.GoJsonEscapes;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * state.json and the two JSON shapes runc prints ({@code state} and {@code list --format json}). Streaming
 * jackson-core only: {@code jrun state} and {@code jrun list} must start fast and never load jackson-databind.
 */
public final class StateJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StateJson() {
    }

    /** The internal state.json, including jrun-only fields. Compact, UTF-8. */
    public static byte[] write(ContainerState s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("ociVersion", s.ociVersion());
            g.writeStringField("id", s.id());
            g.writeNumberField("pid", s.pid());
            g.writeStringField("status", s.status().json());
            g.writeStringField("bundle", s.bundle());
            g.writeStringField("rootfs", s.rootfs());
            g.writeStringField("created", GoTime.format(s.created()));
            writeAnnotations(g, s.annotations());
            g.writeStringField("owner", s.owner());
            g.writeNumberField("initStartTime", s.initStartTime());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Parses an internal state.json; {@code source} names it in error messages. Every field jrun writes is required
     * except annotations and initStartTime, so a half-written or hand-truncated file is reported, not half-loaded.
     */
    public static ContainerState parse(byte[] json, String source) {
        if (json.length == 0) {
            throw new CorruptStateException(source, "file is empty", null);
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            return readState(p, source);
        } catch (JsonEOFException e) {
            throw new CorruptStateException(source, "truncated JSON (" + e.getOriginalMessage() + ")", e);
        } catch (StreamReadException e) {
            throw new CorruptStateException(source, "invalid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ContainerState readState(JsonParser p, String source) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new CorruptStateException(source, "expected a JSON object", null);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, String> annotations = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "ociVersion", "id", "status", "bundle", "rootfs", "created", "owner" ->
                        fields.put(name, expect(value == JsonToken.VALUE_STRING, p.getText(), name, "a string", source));
                case "pid" -> fields.put(name, expect(value == JsonToken.VALUE_NUMBER_INT, (Object) p.getValueAsInt(),
                        name, "an integer", source));
                case "initStartTime" -> fields.put(name, expect(value == JsonToken.VALUE_NUMBER_INT,
                        (Object) p.getValueAsLong(), name, "an integer", source));
                case "annotations" -> annotations = readAnnotations(p, value, source);
                // Tolerate fields from newer jrun versions.
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new CorruptStateException(source, "malformed JSON object", null);
        }
        if (p.nextToken() != null) {
            throw new CorruptStateException(source, "unexpected content after the JSON object", null);
        }
        for (String required : List.of("ociVersion", "id", "pid", "status", "bundle", "rootfs", "created", "owner")) {
            if (!fields.containsKey(required)) {
                throw new CorruptStateException(source, "missing field \"" + required + "\"", null);
            }
        }
        ContainerStatus status;
        Instant created;
        try {
            status = ContainerStatus.parse((String) fields.get("status"));
            created = GoTime.parse((String) fields.get("created"));
        } catch (IllegalArgumentException e) {
            throw new CorruptStateException(source, e.getMessage(), e);
        }
        return new ContainerState((String) fields.get("ociVersion"), (String) fields.get("id"),
                (Integer) fields.get("pid"), status, (String) fields.get("bundle"), (String) fields.get("rootfs"),
                created, annotations, (String) fields.get("owner"),
                (Long) fields.getOrDefault("initStartTime", 0L));
    }

    private static Map<String, String> readAnnotations(JsonParser p, JsonToken value, String source)
            throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value == JsonToken.START_OBJECT, null, "annotations", "an object", source);
        Map<String, String> annotations = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            annotations.put(key, expect(v == JsonToken.VALUE_STRING, p.getText(), "annotations." + key, "a string",
                    source));
        }
        return annotations;
    }

    private static <T> T expect(boolean ok, T value, String field, String what, String source) {
        if (!ok) {
            throw new CorruptStateException(source, "field \"" + field + "\" must be " + what, null);
        }
        return value;
    }

    /** Exactly what {@code runc state} prints (2-space indent), plus a trailing newline runc omits. */
    public static String renderState(ContainerState s) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = runcGenerator(out)) {
            g.setPrettyPrinter(GoIndent.with("  "));
            writeRuncState(g, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    /**
     * Exactly what {@code runc list --format json} prints: one compact line and its newline, {@code null} for no
     * containers (Go marshals a nil slice as null).
     */
    public static String renderList(List<ContainerState> states) {
        if (states.isEmpty()) {
            return "null\n";
        }
        StringWriter out = new StringWriter(256 * states.size());
        try (JsonGenerator g = runcGenerator(out)) {
            g.writeStartArray();
            for (ContainerState s : states) {
                writeRuncState(g, s);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static JsonGenerator runcGenerator(StringWriter out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.setCharacterEscapes(GoJsonEscapes.INSTANCE);
        return g;
    }


    private static void writeRuncState(JsonGenerator g, ContainerState s) throws IOException {
        g.writeStartObject();
        g.writeStringField("ociVersion", s.ociVersion());
        g.writeStringField("id", s.id());
        g.writeNumberField("pid", s.pid());
        g.writeStringField("status", s.status().json());
        g.writeStringField("bundle", s.bundle());
        g.writeStringField("rootfs", s.rootfs());
        g.writeStringField("created", GoTime.format(s.created()));
        writeAnnotations(g, s.annotations());
        g.writeStringField("owner", s.owner());
        g.writeEndObject();
    }

    // Omitted when empty (runc's omitempty); keys sorted, as Go marshals maps.
    private static void writeAnnotations(JsonGenerator g, Map<String, String> annotations) throws IOException {
        if (annotations == null || annotations.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("annotations");
        for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
