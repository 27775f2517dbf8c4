package dev.jrun.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.json.MiniJsonReader.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MiniJsonReaderCursorTest {
    private static MiniJsonReader cursor(String json) {
        return MiniJsonReader.cursor(json.getBytes(StandardCharsets.UTF_8), 1000);
    }

    @Test
    void walksADocumentAndKeepsNumberText() {
        MiniJsonReader r = cursor(" {\"a\": [1e2, -0, \"s\"], \"a\": true, \"n\": null, \"u\": {\"x\": [[]]}}\n");
        assertEquals(Kind.OBJECT, r.peek());
        r.beginObject();
        assertEquals("a", r.nextKey(true));
        assertEquals(Kind.ARRAY, r.peek());
        r.beginArray();
        assertTrue(r.nextElement(true));
        assertEquals(Kind.NUMBER, r.peek());
        assertEquals("1e2", r.numberText());
        assertTrue(r.nextElement(false));
        r.peek();
        assertEquals("-0", r.numberText());
        assertTrue(r.nextElement(false));
        assertEquals(Kind.STRING, r.peek());
        assertEquals("s", r.stringValue());
        assertFalse(r.nextElement(false));
        assertEquals("a", r.nextKey(false)); // duplicates are the caller's business
        assertEquals(Kind.BOOLEAN, r.peek());
        assertTrue(r.booleanValue());
        assertEquals("n", r.nextKey(false));
        assertEquals(Kind.NULL, r.peek());
        assertEquals(1, r.valueLine());
        assertEquals(40, r.valueColumn());
        r.nullValue();
        assertEquals("u", r.nextKey(false));
        r.peek();
        r.skipValue();
        assertNull(r.nextKey(false));
        r.finish();
        assertEquals(Kind.END, r.peek());
    }

    @Test
    void syntaxIsCheckedAsByParse() {
        MiniJsonReader r = cursor("{\"a\": 1,}");
        r.peek();
        r.beginObject();
        r.nextKey(true);
        r.peek();
        r.numberText();
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> r.nextKey(false));
        assertEquals("unexpected character '}', expected a string object key", e.reason());
        assertEquals(9, e.column());
        MiniJsonReader leading = cursor("01");
        leading.peek();
        assertThrows(JsonSyntaxException.class, leading::numberText);
        MiniJsonReader garbage = cursor("{} x");
        garbage.peek();
        garbage.skipValue();
        assertThrows(JsonSyntaxException.class, garbage::finish);
    }

    @Test
    void nestingIsBounded() {
        MiniJsonReader r = cursor("[[[1]]]");
        MiniJsonReader shallow = MiniJsonReader.cursor("[[[1]]]".getBytes(StandardCharsets.UTF_8), 2);
        r.peek();
        r.skipValue();
        shallow.peek();
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, shallow::skipValue);
        assertTrue(e.reason().contains("nesting deeper than 2"), e.reason());
    }
}
