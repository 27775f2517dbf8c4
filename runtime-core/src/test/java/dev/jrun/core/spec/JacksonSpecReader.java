package dev.jrun.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The jackson-databind decoding SpecJson used before {@link SpecBinder}, kept verbatim for the differential test
 * (SpecBinderDifferentialTest): both must give equal records, or errors with equal paths.
 */
final class JacksonSpecReader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
            .build();

    /** Go's json.MarshalIndent(v, "", "\t"), which is what {@code runc spec} prints. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JacksonSpecReader() {
    }

    public static Spec parse(String json, String sourceName) {
        // The parser must still be open when the error is described: its current token is the offending value.
        try (JsonParser parser = MAPPER.createParser(json)) {
            Spec spec;
            try {
                spec = MAPPER.readValue(parser, Spec.class);
            } catch (JacksonException e) {
                throw decodeError(sourceName, e, parser);
            }
            if (spec == null) {
                throw new ConfigException(sourceName + ": expected an object, got null", null,
                        "expected an object, got null", null);
            }
            return spec;
        } catch (JacksonException e) {
            throw decodeError(sourceName, e, null);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    private static ConfigException decodeError(String source, JacksonException e, JsonParser open) {
        JsonParser parser = open != null ? open : e.getProcessor() instanceof JsonParser p ? p : null;
        String path = null;
        if (e instanceof JsonMappingException de && !de.getPath().isEmpty()) {
            path = pathOf(de.getPath());
        } else if (parser != null) {
            path = pathOf(parser.getParsingContext());
        }
        String what;
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            what = "expected " + expected(mi.getTargetType(), parser) + ", got " + got(parser);
        } else if (e instanceof InputCoercionException ic) {
            what = "number " + tokenText(parser) + " is out of range for " + ic.getTargetType().getSimpleName();
        } else if (e instanceof StreamReadException || e.getCause() instanceof StreamReadException) {
            JacksonException syntax = e instanceof StreamReadException ? e : (JacksonException) e.getCause();
            what = "malformed JSON: " + syntax.getOriginalMessage();
        } else {
            what = e.getOriginalMessage();
        }
        JsonLocation at = e.getLocation();
        String detail = at == null || at.getLineNr() < 0
                ? what
                : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        String message = source + ": " + (path == null ? "" : path + ": ") + detail;
        return new ConfigException(message, path, detail, e);
    }

    private static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                appendKey(b, r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? null : b.toString();
    }

    private static String pathOf(JsonStreamContext ctx) {
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            chain.addFirst(c);
        }
        StringBuilder b = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inObject() && c.getCurrentName() != null) {
                appendKey(b, c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                b.append('[').append(c.getCurrentIndex()).append(']');
            }
        }
        return b.isEmpty() ? null : b.toString();
    }

    /** Map keys such as annotation names contain dots, so they are quoted to keep the path unambiguous. */
    private static void appendKey(StringBuilder b, String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            if (!b.isEmpty()) {
                b.append('.');
            }
            b.append(key);
        } else {
            b.append("[\"").append(key.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
        }
    }

    private static String expected(Class<?> type, JsonParser parser) {
        boolean integral = type == Long.class || type == Integer.class || type == long.class || type == int.class;
        if (integral && parser != null && parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || integral) {
            return "a number";
        }
        if (type == Uint64.class) {
            return "an unsigned 64-bit integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return type.getSimpleName();
    }

    private static String got(JsonParser parser) {
        if (parser == null || parser.currentToken() == null) {
            return "nothing";
        }
        return switch (parser.currentToken()) {
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> '"' + tokenText(parser) + '"';
            case VALUE_NULL -> "null";
            default -> tokenText(parser);
        };
    }

    private static String tokenText(JsonParser parser) {
        try {
            return parser == null ? "?" : parser.getText();
        } catch (IOException e) {
            return "?";
        }
    }

}
