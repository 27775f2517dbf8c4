package dev.jrun.core.spec;

import dev.jrun.core.json.GoJsonWriter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes config.json. Decoding ({@link SpecBinder}, no databind) is as strict about types as Go's
 * encoding/json (no "1" for 1, no 1.5 for an integer, no trailing garbage) because a config that runc rejects must
 * not start under jrun; unknown properties are ignored so that configs from newer spec versions still load.
 * Writing uses jackson-databind, loaded only then.
 */
public final class SpecJson {
    private SpecJson() {
    }

    public static Spec read(Path configJson) {
        return readBound(configJson).spec();
    }

    /** Like {@link #read}, also giving the document's top-level keys (the model drops other platforms' sections). */
    public static SpecBinder.Bound readBound(Path configJson) {
        String json;
        try {
            // readString rejects malformed UTF-8, which the binder's reader would turn into U+FFFD.
            json = Files.readString(configJson);
        } catch (NoSuchFileException e) {
            throw unreadable("open " + configJson + ": no such file or directory (is --bundle right?)", e);
        } catch (AccessDeniedException e) {
            throw unreadable("open " + configJson + ": permission denied (run as a user that can read it)", e);
        } catch (CharacterCodingException e) {
            throw unreadable("read " + configJson + ": not valid UTF-8 text", e);
        } catch (IOException e) {
            throw unreadable("read " + configJson + ": " + e.getMessage(), e);
        }
        Path name = configJson.getFileName();
        return SpecBinder.bind(json.getBytes(StandardCharsets.UTF_8),
                name == null ? configJson.toString() : name.toString());
    }

    public static Spec parse(String json, String sourceName) {
        return SpecBinder.parse(json, sourceName);
    }

    public static String write(Spec spec) {
        try {
            // Databind maps the records to a tree; the one Go-compatible writer lays it out as `runc spec` does.
            return GoJsonWriter.indented("\t").write(Writer.MAPPER.convertValue(spec, Object.class)).toString();
        } catch (IllegalArgumentException e) {
            // Records of strings, numbers and collections always serialize; reaching this is a jrun bug.
            throw new IllegalStateException("cannot serialize spec", e);
        }
    }

    private static ConfigException unreadable(String message, Exception cause) {
        return new ConfigException(message, null, message, cause);
    }

    /** Holder, so that reading never initialises databind. */
    private static final class Writer {
        // The settings reading used to have too, so that convertValue behaves exactly as before.
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.ALWAYS))
                .build();
    }
}
