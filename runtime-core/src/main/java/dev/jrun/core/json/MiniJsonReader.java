package dev.jrun.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny, strict RFC 8259 JSON reader for the start-up-critical paths ({@code jrun state}, {@code jrun list}, and
 * config.json through {@link #cursor}), which must not pay for jackson's class loading. Reads one UTF-8 document into plain Java values: objects become
 * {@link LinkedHashMap}{@code <String, Object>} (document order, duplicate keys rejected), arrays {@link ArrayList},
 * strings {@link String}, integers {@link Long} (or {@link BigInteger} beyond the long range), numbers with a
 * fraction or exponent {@link BigDecimal}, {@code true}/{@code false} {@link Boolean}, and {@code null} null.
 *
 * <p>Strict: no comments, no trailing commas, no leading zeros, no unescaped control characters in strings, nothing
 * but whitespace after the value. Malformed UTF-8 inside strings decodes to U+FFFD, as Go's encoding/json does.
 * Errors are {@link JsonSyntaxException}s carrying the line and column.
 */
public final class MiniJsonReader {
    private static final int MAX_DEPTH = 512;

    private final byte[] in;
    private final int end;
    private final int maxDepth;
    private int pos;
    private int depth;
    /** Cursor mode: the byte offset where the value {@link #peek()} last looked at starts. */
    private int valueStart;

    private MiniJsonReader(byte[] in) {
        this(in, MAX_DEPTH);
    }

    private MiniJsonReader(byte[] in, int maxDepth) {
        this.in = in;
        this.end = in.length;
        this.maxDepth = maxDepth;
    }

    /** Parses one complete JSON document. */
    public static Object parse(byte[] utf8) {
        MiniJsonReader r = new MiniJsonReader(utf8);
        r.skipWhitespace();
        Object value = r.readValue();
        r.skipWhitespace();
        if (r.pos < r.end) {
            throw r.error("unexpected content after the JSON value", r.pos, false);
        }
        return value;
    }

    public static Object parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A pull cursor over one document, for binders that map JSON straight onto their own types without building a
     * tree (config.json into the spec records). The caller walks the document with {@link #peek()}, the
     * {@code begin}/{@code next} methods and the scalar readers; syntax is checked exactly as by {@link #parse},
     * except that duplicate object keys are left to the caller. {@code maxDepth} bounds the nesting.
     */
    public static MiniJsonReader cursor(byte[] utf8, int maxDepth) {
        return new MiniJsonReader(utf8, maxDepth);
    }

    /** The kind of the next value (whitespace skipped); {@link Kind#END} when the input has ended. */
    public Kind peek() {
        skipWhitespace();
        valueStart = pos;
        if (pos >= end) {
            return Kind.END;
        }
        byte b = in[pos];
        return switch (b) {
            case '{' -> Kind.OBJECT;
            case '[' -> Kind.ARRAY;
            case '"' -> Kind.STRING;
            case 't', 'f' -> Kind.BOOLEAN;
            case 'n' -> Kind.NULL;
            default -> {
                if (b == '-' || (b >= '0' && b <= '9')) {
                    yield Kind.NUMBER;
                }
                throw unexpected(pos, "a value");
            }
        };
    }

    /** Where the value that {@link #peek()} looked at starts: 1-based line. */
    public int valueLine() {
        int line = 1;
        for (int i = 0; i < valueStart; i++) {
            if (in[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Where the value that {@link #peek()} looked at starts: 1-based column in UTF-16 units, as Java strings (and
     * jackson's messages) count them, so a character outside the BMP counts two.
     */
    public int valueColumn() {
        int lineStart = 0;
        for (int i = 0; i < valueStart; i++) {
            if (in[i] == '\n') {
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int i = lineStart; i < valueStart; i++) {
            int b = in[i] & 0xff;
            if ((b & 0xc0) != 0x80) {
                column += b >= 0xf0 ? 2 : 1;
            }
        }
        return column;
    }

    /** Consumes the '{' that {@link #peek()} saw. */
    public void beginObject() {
        enter();
        pos++;
    }

    /**
     * The next key of the object being read, or null when it ends (consuming the '}'). {@code first} is true
     * right after {@link #beginObject()}, false after a value: then a ',' or '}' must come first.
     */
    public String nextKey(boolean first) {
        skipWhitespace();
        if (pos >= end) {
            throw truncated(first ? "unexpected end of input, expected an object key"
                    : "unexpected end of input, expected ',' or '}'");
        }
        if (!first) {
            byte b = in[pos];
            if (b == '}') {
                pos++;
                depth--;
                return null;
            }
            if (b != ',') {
                throw unexpected(pos, "',' or '}'");
            }
            pos++;
            skipWhitespace();
            if (pos >= end) {
                throw truncated("unexpected end of input, expected an object key");
            }
        } else if (in[pos] == '}') {
            pos++;
            depth--;
            return null;
        }
        if (in[pos] != '"') {
            throw unexpected(pos, "a string object key");
        }
        String key = readString();
        skipWhitespace();
        if (pos >= end) {
            throw truncated("unexpected end of input, expected ':'");
        }
        if (in[pos] != ':') {
            throw unexpected(pos, "':' after an object key");
        }
        pos++;
        return key;
    }

    /** Consumes the '[' that {@link #peek()} saw. */
    public void beginArray() {
        enter();
        pos++;
    }

    /** True when another element follows (then read it), false when the array ends (consuming the ']'). */
    public boolean nextElement(boolean first) {
        skipWhitespace();
        if (pos >= end) {
            throw truncated(first ? "unexpected end of input, expected a value"
                    : "unexpected end of input, expected ',' or ']'");
        }
        byte b = in[pos];
        if (b == ']' && first) {
            pos++;
            depth--;
            return false;
        }
        if (first) {
            return true;
        }
        if (b == ']') {
            pos++;
            depth--;
            return false;
        }
        if (b != ',') {
            throw unexpected(pos, "',' or ']'");
        }
        pos++;
        return true;
    }

    /** Reads the string that {@link #peek()} saw. */
    public String stringValue() {
        return readString();
    }

    /** Reads the number that {@link #peek()} saw and returns its text exactly as written (grammar checked). */
    public String numberText() {
        int start = pos;
        readNumber();
        return new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    /** Reads the true or false that {@link #peek()} saw. */
    public boolean booleanValue() {
        if (in[pos] == 't') {
            literal("true");
            return true;
        }
        literal("false");
        return false;
    }

    /** Reads the null that {@link #peek()} saw. */
    public void nullValue() {
        literal("null");
    }

    /** Reads and discards the value that {@link #peek()} saw, checking its syntax. */
    public void skipValue() {
        readValue();
    }

    /** After the document's value: only whitespace may follow. */
    public void finish() {
        skipWhitespace();
        if (pos < end) {
            throw error("unexpected content after the JSON value", pos, false);
        }
    }

    /** What {@link #peek()} found next. */
    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL, END }

    private Object readValue() {
        if (pos >= end) {
            throw truncated("unexpected end of input, expected a value");
        }
        byte b = in[pos];
        switch (b) {
            case '{':
                return readObject();
            case '[':
                return readArray();
            case '"':
                return readString();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return readNumber();
                }
                throw unexpected(pos, "a value");
        }
    }

    private Map<String, Object> readObject() {
        enter();
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (pos < end && in[pos] == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            if (pos >= end) {
                throw truncated("unexpected end of input, expected an object key");
            }
            if (in[pos] != '"') {
                throw unexpected(pos, "a string object key");
            }
            int keyStart = pos;
            String key = readString();
            skipWhitespace();
            if (pos >= end) {
                throw truncated("unexpected end of input, expected ':'");
            }
            if (in[pos] != ':') {
                throw unexpected(pos, "':' after an object key");
            }
            pos++;
            skipWhitespace();
            Object value = readValue();
            if (map.containsKey(key)) {
                throw error("duplicate object key \"" + key + "\"", keyStart, false);
            }
            map.put(key, value);
            skipWhitespace();
            if (pos >= end) {
                throw truncated("unexpected end of input, expected ',' or '}'");
            }
            byte b = in[pos];
            if (b == ',') {
                pos++;
                skipWhitespace();
            } else if (b == '}') {
                pos++;
                depth--;
                return map;
            } else {
                throw unexpected(pos, "',' or '}'");
            }
        }
    }

    private List<Object> readArray() {
        enter();
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (pos < end && in[pos] == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            list.add(readValue());
            skipWhitespace();
            if (pos >= end) {
                throw truncated("unexpected end of input, expected ',' or ']'");
            }
            byte b = in[pos];
            if (b == ',') {
                pos++;
                skipWhitespace();
            } else if (b == ']') {
                pos++;
                depth--;
                return list;
            } else {
                throw unexpected(pos, "',' or ']'");
            }
        }
    }

    private void enter() {
        if (++depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth + " levels", pos, false);
        }
    }

    /** At the opening quote; returns the decoded string and leaves pos after the closing quote. */
    private String readString() {
        int open = pos;
        int run = ++pos;
        StringBuilder sb = null;
        while (true) {
            if (pos >= end) {
                throw error("unterminated string", open, true);
            }
            byte b = in[pos];
            if (b == '"') {
                String tail = new String(in, run, pos - run, StandardCharsets.UTF_8);
                pos++;
                if (sb == null) {
                    return tail;
                }
                return sb.append(tail).toString();
            }
            if (b == '\\') {
                if (sb == null) {
                    sb = new StringBuilder(pos - run + 16);
                }
                sb.append(new String(in, run, pos - run, StandardCharsets.UTF_8));
                readEscape(sb);
                run = pos;
            } else if ((b & 0xff) < 0x20) {
                throw error("unescaped control character " + hex4(b & 0xff, "U+") + " in string", pos, false);
            } else {
                pos++;
            }
        }
    }

    /** At a backslash; appends the escaped character and leaves pos after the escape. */
    private void readEscape(StringBuilder sb) {
        int start = pos;
        if (pos + 1 >= end) {
            throw error("unterminated string", start, true);
        }
        byte e = in[pos + 1];
        pos += 2;
        switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                int c = 0;
                for (int i = 0; i < 4; i++, pos++) {
                    if (pos >= end) {
                        throw error("unterminated string", start, true);
                    }
                    int d = hexDigit(in[pos]);
                    if (d < 0) {
                        throw error("bad escape: \\u must be followed by four hex digits", start, false);
                    }
                    c = (c << 4) | d;
                }
                sb.append((char) c);
            }
            default -> throw error("bad escape " + describe(start + 1) + " in string", start, false);
        }
    }

    private static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private Object readNumber() {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        if (pos >= end) {
            throw truncated("unexpected end of input in a number");
        }
        if (in[pos] == '0') {
            pos++;
            if (pos < end && isDigit(in[pos])) {
                throw error("invalid number: leading zero", start, false);
            }
        } else if (isDigit(in[pos])) {
            digits();
        } else {
            throw unexpected(pos, "a digit");
        }
        boolean integral = true;
        if (pos < end && in[pos] == '.') {
            integral = false;
            pos++;
            requireDigit();
            digits();
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            integral = false;
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            requireDigit();
            digits();
        }
        String text = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
        if (!integral) {
            return new BigDecimal(text);
        }
        if (pos - start <= 18) { // at most 18 digits (or '-' and 17): always fits a long
            return Long.parseLong(text);
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private void requireDigit() {
        if (pos >= end) {
            throw truncated("unexpected end of input in a number");
        }
        if (!isDigit(in[pos])) {
            throw unexpected(pos, "a digit");
        }
    }

    private void digits() {
        while (pos < end && isDigit(in[pos])) {
            pos++;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++, pos++) {
            if (pos >= end) {
                throw truncated("unexpected end of input in literal '" + word + "'");
            }
            if (in[pos] != word.charAt(i)) {
                throw unexpected(pos, "'" + word + "'");
            }
        }
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private JsonSyntaxException truncated(String reason) {
        return error(reason, end, true);
    }

    private JsonSyntaxException unexpected(int at, String expected) {
        return error("unexpected character " + describe(at) + ", expected " + expected, at, false);
    }

    /** 'x' for printable ASCII, U+XXXX (decoded) otherwise. */
    private String describe(int at) {
        int b = in[at] & 0xff;
        if (b > 0x20 && b < 0x7f) {
            return "'" + (char) b + "'";
        }
        if (b < 0x80) {
            return hex4(b, "U+");
        }
        String s = new String(in, at, Math.min(4, end - at), StandardCharsets.UTF_8);
        return hex4(s.codePointAt(0), "U+");
    }

    static String hex4(int c, String prefix) {
        String h = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = h.length(); i < 4; i++) {
            sb.append('0');
        }
        return sb.append(h).toString();
    }

    private JsonSyntaxException error(String reason, int at, boolean truncated) {
        int line = 1;
        int lineStart = 0;
        int limit = Math.min(at, end);
        for (int i = 0; i < limit; i++) {
            if (in[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int i = lineStart; i < limit; i++) {
            if ((in[i] & 0xc0) != 0x80) { // count characters, not UTF-8 continuation bytes
                column++;
            }
        }
        return new JsonSyntaxException(reason, at, line, column, truncated);
    }
}
