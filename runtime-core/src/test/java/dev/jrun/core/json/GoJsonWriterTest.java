package dev.jrun.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoJsonWriterTest {
    private static String compact(String s) {
        return GoJsonWriter.compact().value(s).toString();
    }

    @Test
    void escapesLikeGo() {
        assertEquals("\"a\\\"b\\\\c/d\"", compact("a\"b\\c/d"));
        assertEquals("\"\\n\\r\\t\"", compact("\n\r\t"));
        assertEquals("\"\\u0000\\u0001\\u0008\\u000c\\u001f \u007f\"", compact("\u0000\u0001\b\f\u001f \u007f"));
        assertEquals("\"\\u003c\\u003e\\u0026\"", compact("<>&"));
        assertEquals("\"a\\u2028b\\u2029c\u2027\u202a\"", compact("a\u2028b\u2029c\u2027\u202a"));
        assertEquals("\"caf\u00e9 \u4e2d\"", compact("caf\u00e9 \u4e2d"));
    }

    @Test
    void surrogates() {
        assertEquals("\"\uD83D\uDE00!\"", compact("\uD83D\uDE00!")); // emoji: a valid pair is copied as is
        assertEquals("\"a\\ufffdb\"", compact("a\uD800b")); // lone high
        assertEquals("\"a\\ufffd\"", compact("a\uDE00")); // lone low at the end
        assertEquals("\"\\ufffd\"", compact("\uD83D")); // high at the end
        assertEquals("\"\\ufffd\\ufffd\"", compact("\uDE00\uD83D")); // reversed pair
        assertEquals("\"\\ufffd\uD83D\uDE00\"", compact("\uD83D\uD83D\uDE00"));
    }

    @Test
    void matchesJacksonWithGoJsonEscapesForEveryBmpCharacter() throws IOException {
        // The jackson-based outputs (spec, features) and this writer must escape identically.
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MIN_SURROGATE; c++) {
            all.append(c);
        }
        for (char c = (char) (Character.MAX_SURROGATE + 1); c != 0; c++) {
            all.append(c);
        }
        all.append("\uD83D\uDE00");
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
            g.setCharacterEscapes(GoJsonEscapes.INSTANCE);
            g.writeString(all.toString());
        }
        assertEquals(sw.toString(), compact(all.toString()));
    }

    @Test
    void compactLayout() {
        GoJsonWriter w = GoJsonWriter.compact();
        w.beginObject().field("a", 1).name("b").beginArray().value(-2).value("x").value(true).nullValue()
                .beginObject().endObject().beginArray().endArray().endArray().field("c", "d").endObject();
        assertEquals("{\"a\":1,\"b\":[-2,\"x\",true,null,{},[]],\"c\":\"d\"}", w.toString());
    }

    @Test
    void indentedLayoutLikeMarshalIndent() {
        GoJsonWriter w = GoJsonWriter.indented("  ");
        w.beginObject().field("a", 1).name("b").beginArray().value(-2).beginObject().field("k", "v").endObject()
                .beginObject().endObject().beginArray().endArray().endArray().name("e").beginObject().endObject()
                .endObject();
        assertEquals("""
                {
                  "a": 1,
                  "b": [
                    -2,
                    {
                      "k": "v"
                    },
                    {},
                    []
                  ],
                  "e": {}
                }""", w.toString());
        assertEquals("{}", GoJsonWriter.indented("\t").beginObject().endObject().toString());
        assertEquals("[\n\t1\n]", GoJsonWriter.indented("\t").beginArray().value(1).endArray().toString());
    }

    @Test
    void numbers() {
        assertEquals("[-1,0,4000000000,-9223372036854775808,123456789012345678901234567890]",
                GoJsonWriter.compact().write(List.of(-1L, 0, 4_000_000_000L, Long.MIN_VALUE,
                        new BigInteger("123456789012345678901234567890"))).toString());
    }

    @Test
    void writesTreesAndRoundTripsWithTheReader() {
        String json = "{\"z\":{\"b\":[1,\"two\\u003c\\n\",true,false,null,{},[]]},\"a\":-12345678901}";
        Object tree = MiniJsonReader.parse(json);
        assertEquals(json, GoJsonWriter.compact().write(tree).toString());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", null);
        m.put("l", Arrays.asList(1, null));
        assertEquals("{\n    \"n\": null,\n    \"l\": [\n        1,\n        null\n    ]\n}",
                GoJsonWriter.indented("    ").write(m).toString());
        assertThrows(IllegalArgumentException.class, () -> GoJsonWriter.compact().write(1.5));
    }

    @Test
    void misuseIsRefused() {
        assertThrows(IllegalStateException.class, () -> GoJsonWriter.compact().beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> GoJsonWriter.compact().beginArray().name("a"));
        assertThrows(IllegalStateException.class, () -> GoJsonWriter.compact().name("a"));
        assertThrows(IllegalStateException.class, () -> GoJsonWriter.compact().beginObject().endArray());
        assertThrows(IllegalStateException.class, () -> GoJsonWriter.compact().beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class, () -> GoJsonWriter.compact().beginObject().toString());
        assertThrows(IllegalStateException.class, () -> GoJsonWriter.compact().toString());
        assertThrows(IllegalStateException.class, () -> GoJsonWriter.compact().value(1).value(2));
    }
}
