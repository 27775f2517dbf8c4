package dev.jrun.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniJsonReaderTest {
    private static JsonSyntaxException fails(String json) {
        return assertThrows(JsonSyntaxException.class, () -> MiniJsonReader.parse(json));
    }

    @Test
    void readsNestedObjectsInDocumentOrder() {
        Object v = MiniJsonReader.parse(" {\"z\": {\"b\": [1, \"two\", true, false, null, {}, []]}, \"a\": {}}\n");
        Map<?, ?> root = assertInstanceOf(LinkedHashMap.class, v);
        assertEquals(List.of("z", "a"), new ArrayList<>(root.keySet()));
        Map<?, ?> z = (Map<?, ?>) root.get("z");
        List<Object> expected = Arrays.asList(1L, "two", true, false, null, Map.of(), List.of());
        assertEquals(expected, z.get("b"));
        assertEquals(Map.of(), root.get("a"));
    }

    @Test
    void readsScalarsAtTopLevel() {
        assertEquals("x", MiniJsonReader.parse("\"x\""));
        assertEquals(Boolean.TRUE, MiniJsonReader.parse("true"));
        assertNull(MiniJsonReader.parse(" null "));
        assertEquals(0L, MiniJsonReader.parse("0"));
        assertEquals(List.of(), MiniJsonReader.parse("[]"));
    }

    @Test
    void readsNumbers() {
        assertEquals(-42L, MiniJsonReader.parse("-42"));
        assertEquals(0L, MiniJsonReader.parse("-0"));
        assertEquals(4_000_000_000L, MiniJsonReader.parse("4000000000"));
        assertEquals(Long.MAX_VALUE, MiniJsonReader.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, MiniJsonReader.parse("-9223372036854775808"));
        assertEquals(new BigInteger("9223372036854775808"), MiniJsonReader.parse("9223372036854775808"));
        assertEquals(new BigInteger("-123456789012345678901234567890"),
                MiniJsonReader.parse("-123456789012345678901234567890"));
        assertEquals(new BigDecimal("1.5"), MiniJsonReader.parse("1.5"));
        assertEquals(new BigDecimal("-2.5E+3"), MiniJsonReader.parse("-2.5E+3"));
        assertEquals(new BigDecimal("1e-2"), MiniJsonReader.parse("1e-2"));
    }

    @Test
    void decodesEscapesAndUtf8() {
        assertEquals("\"\\/\b\f\n\r\t\u0001<&>", MiniJsonReader.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\\u003c&\\u003E\""));
        assertEquals("caf\u00e9 \u2028 \uD83D\uDE00", MiniJsonReader.parse("\"caf\u00e9 \\u2028 \uD83D\uDE00\""));
        assertEquals("\uD83D\uDE00", MiniJsonReader.parse("\"\\ud83d\\ude00\""));
        assertEquals("a\uD800b", MiniJsonReader.parse("\"a\\ud800b\"")); // lone surrogate escape kept as a char
        assertEquals("k\u00e9y", ((Map<?, ?>) MiniJsonReader.parse("{\"k\\u00e9y\":1}")).keySet().iterator().next());
    }

    @Test
    void malformedUtf8DecodesToReplacementCharacter() {
        byte[] json = {'"', 'a', (byte) 0xff, 'b', '"'};
        assertEquals("a\uFFFDb", MiniJsonReader.parse(json));
    }

    @Test
    void truncatedInput() {
        for (String json : List.of("", "  ", "{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,", "[", "[1", "[1,",
                "tru", "nul", "-", "1.", "1e", "1e+")) {
            JsonSyntaxException e = fails(json);
            assertTrue(e.truncated(), json + ": " + e.getMessage());
            assertTrue(e.reason().startsWith("unexpected end of input"), json + ": " + e.getMessage());
            assertEquals(json.getBytes(StandardCharsets.UTF_8).length, e.offset(), json);
        }
        JsonSyntaxException e = fails("{\"a\":\n  1");
        assertEquals("unexpected end of input, expected ',' or '}' at line 2, column 4", e.getMessage());
    }

    @Test
    void unterminatedString() {
        for (String json : List.of("\"abc", "{\"ab", "[\"a\\", "\"\\u00")) {
            JsonSyntaxException e = fails(json);
            assertEquals("unterminated string", e.reason(), json);
            assertTrue(e.truncated(), json);
        }
        assertEquals("unterminated string at line 1, column 7", fails("{\"a\": \"xyz").getMessage());
    }

    @Test
    void unexpectedCharacters() {
        assertEquals("unexpected character 'x', expected a value at line 1, column 1", fails("x").getMessage());
        assertEquals("unexpected character '}', expected a value at line 1, column 6",
                fails("{\"a\":}").getMessage());
        assertEquals("unexpected character '1', expected a string object key at line 1, column 2",
                fails("{1:2}").getMessage());
        assertEquals("unexpected character '}', expected a string object key at line 1, column 8",
                fails("{\"a\":1,}").getMessage()); // no trailing commas
        assertEquals("unexpected character ']', expected a value at line 1, column 4", fails("[1,]").getMessage());
        assertEquals("unexpected character '=', expected ':' after an object key at line 2, column 5",
                fails("{\n\"a\" = 1}").getMessage());
        assertEquals("unexpected character ';', expected ',' or '}' at line 1, column 7",
                fails("{\"a\":1;}").getMessage());
        assertEquals("unexpected character '2', expected ',' or ']'", fails("[1 2]").reason());
        assertEquals("unexpected character 'x', expected 'true' at line 1, column 3", fails("trxe").getMessage());
        assertEquals("unexpected character 'a', expected a digit at line 1, column 2", fails("-a").getMessage());
        assertEquals("unexpected character 'x', expected a digit at line 1, column 3", fails("1.x").getMessage());
        assertEquals("unexpected character ''', expected a value at line 1, column 1", fails("'a'").getMessage());
        assertEquals("unexpected character U+00E9, expected a value at line 1, column 3", fails("[ \u00e9]")
                .getMessage());
        assertEquals("invalid number: leading zero at line 1, column 2", fails("[01]").getMessage());
        assertEquals("invalid number: leading zero at line 1, column 1", fails("-01").getMessage());
        assertFalse(fails("x").truncated());
        // Columns count characters, not UTF-8 bytes.
        assertEquals("unexpected character 'x', expected ',' or ']' at line 1, column 8",
                fails("[\"\u00e9\u00e9\u00e9\" x]").getMessage());
    }

    @Test
    void badEscapes() {
        assertEquals("bad escape 'x' in string at line 1, column 3", fails("\"a\\x\"").getMessage());
        assertEquals("bad escape 'U' in string at line 1, column 2", fails("\"\\U0041\"").getMessage());
        assertEquals("bad escape: \\u must be followed by four hex digits at line 1, column 2",
                fails("\"\\u12g4\"").getMessage());
        assertEquals("bad escape U+0020 in string at line 1, column 2", fails("\"\\ \"").getMessage());
        assertFalse(fails("\"a\\x\"").truncated());
    }

    @Test
    void controlCharactersMustBeEscaped() {
        assertEquals("unescaped control character U+000A in string at line 1, column 3",
                fails("\"a\nb\"").getMessage());
        assertEquals("unescaped control character U+0000 in string at line 1, column 2",
                fails("\"\u0000\"").getMessage());
    }

    @Test
    void trailingContent() {
        for (String json : List.of("{} {}", "{}x", "1 2", "[] ]", "\"a\"\"b\"", "nullx")) {
            JsonSyntaxException e = fails(json);
            assertEquals("unexpected content after the JSON value", e.reason(), json);
            assertFalse(e.truncated(), json);
        }
        assertEquals("unexpected content after the JSON value at line 2, column 1", fails("{}\n}").getMessage());
        assertEquals("{}", MiniJsonReader.parse("{}\r\n\t ").toString()); // trailing whitespace is fine
    }

    @Test
    void duplicateKeysAreRejected() {
        assertEquals("duplicate object key \"a\" at line 1, column 8", fails("{\"a\":1,\"a\":2}").getMessage());
        assertEquals("duplicate object key \"b\"", fails("[{\"x\":{\"b\":1,\"b\":1}}]").reason());
    }

    @Test
    void nestingIsBounded() {
        String deep = "[".repeat(600) + "]".repeat(600);
        assertEquals("nesting deeper than 512 levels", fails(deep).reason());
        String ok = "[".repeat(512) + "]".repeat(512);
        assertInstanceOf(List.class, MiniJsonReader.parse(ok));
    }
}
