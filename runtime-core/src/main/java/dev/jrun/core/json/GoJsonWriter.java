package dev.jrun.core.json;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON byte-for-byte as Go's encoding/json does (which is what runc prints): {@link #compact()} like
 * {@code json.Marshal}, {@link #indented(String)} like {@code json.MarshalIndent(v, "", unit)} — {@code "key": value},
 * one element per line, {@code {}} and {@code []} when empty. Strings are escaped as {@link GoJsonEscapes} does for
 * jackson: {@code \n \r \t \" \\} as two-character escapes, every other control character, {@code < > &} and
 * U+2028/U+2029 as lowercase {@code \\u00xx}-style escapes (Go before 1.22, which runc 1.1 was built with, had no
 * {@code \b} or {@code \f}); unpaired UTF-16 surrogates become {@code \ufffd}, as Go does for invalid UTF-8.
 *
 * <p>No reflection, lambdas or formatters: it sits on the start-up path of {@code jrun state}/{@code jrun list}.
 */
public final class GoJsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private final String indent; // null: compact
    // Per open container: element count so far; and whether it is an object.
    private int[] counts = new int[8];
    private boolean[] objects = new boolean[8];
    private int depth;
    private boolean afterName;
    private boolean done;

    private GoJsonWriter(String indent, int capacity) {
        this.indent = indent;
        this.out = new StringBuilder(capacity);
    }

    /** Like Go's {@code json.Marshal}. */
    public static GoJsonWriter compact() {
        return new GoJsonWriter(null, 256);
    }

    /** Like Go's {@code json.MarshalIndent(v, "", unit)}. */
    public static GoJsonWriter indented(String unit) {
        if (unit == null) {
            throw new IllegalArgumentException("indent unit must not be null");
        }
        return new GoJsonWriter(unit, 512);
    }

    public GoJsonWriter beginObject() {
        beforeValue();
        out.append('{');
        push(true);
        return this;
    }

    public GoJsonWriter endObject() {
        return pop(true, '}');
    }

    public GoJsonWriter beginArray() {
        beforeValue();
        out.append('[');
        push(false);
        return this;
    }

    public GoJsonWriter endArray() {
        return pop(false, ']');
    }

    /** The next object member's key; follow with exactly one value. */
    public GoJsonWriter name(String key) {
        if (depth == 0 || !objects[depth - 1] || afterName) {
            throw new IllegalStateException("a key is only allowed directly inside an object");
        }
        separate();
        string(key);
        out.append(':');
        if (indent != null) {
            out.append(' ');
        }
        afterName = true;
        return this;
    }

    public GoJsonWriter value(String s) {
        if (s == null) {
            return nullValue();
        }
        beforeValue();
        string(s);
        return this;
    }

    public GoJsonWriter value(long n) {
        beforeValue();
        out.append(n);
        return this;
    }

    public GoJsonWriter value(boolean b) {
        beforeValue();
        out.append(b);
        return this;
    }

    public GoJsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** Shorthand for {@code name(key).value(s)}. */
    public GoJsonWriter field(String key, String s) {
        return name(key).value(s);
    }

    /** Shorthand for {@code name(key).value(n)}. */
    public GoJsonWriter field(String key, long n) {
        return name(key).value(n);
    }

    /**
     * Writes a tree as {@link MiniJsonReader} returns it: Map (in its iteration order; sort first to match Go's map
     * marshalling), List, String, Long/Integer/BigInteger, Boolean, null. Non-integral numbers are refused: Go's float
     * formatting is not reproduced here.
     */
    public GoJsonWriter write(Object v) {
        if (v == null) {
            return nullValue();
        } else if (v instanceof String s) {
            return value(s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return value(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            beforeValue();
            out.append(b.toString());
            return this;
        } else if (v instanceof Boolean b) {
            return value(b.booleanValue());
        } else if (v instanceof Map<?, ?> m) {
            beginObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                name((String) e.getKey());
                write(e.getValue());
            }
            return endObject();
        } else if (v instanceof List<?> l) {
            beginArray();
            for (Object o : l) {
                write(o);
            }
            return endArray();
        }
        throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON");
    }

    /** The document written; it must be complete. */
    @Override
    public String toString() {
        if (!done || depth != 0) {
            throw new IllegalStateException("incomplete JSON document");
        }
        return out.toString();
    }

    /** Appends the complete document to {@code sb}. */
    public StringBuilder appendTo(StringBuilder sb) {
        return sb.append(toString());
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth == 0) {
            if (done) {
                throw new IllegalStateException("only one top-level JSON value may be written");
            }
            done = true;
            return;
        }
        if (objects[depth - 1]) {
            throw new IllegalStateException("an object member needs a key first");
        }
        separate();
    }

    // Comma and newline-plus-indent before an element of the innermost container.
    private void separate() {
        int d = depth - 1;
        if (counts[d]++ > 0) {
            out.append(',');
        }
        newline(depth);
    }

    private void newline(int level) {
        if (indent != null) {
            out.append('\n');
            for (int i = 0; i < level; i++) {
                out.append(indent);
            }
        }
    }

    private void push(boolean object) {
        if (depth == counts.length) {
            counts = Arrays.copyOf(counts, depth * 2);
            objects = Arrays.copyOf(objects, depth * 2);
        }
        counts[depth] = 0;
        objects[depth] = object;
        depth++;
    }

    private GoJsonWriter pop(boolean object, char close) {
        if (depth == 0 || objects[depth - 1] != object || afterName) {
            throw new IllegalStateException("unbalanced " + close);
        }
        depth--;
        if (counts[depth] > 0) {
            newline(depth);
        }
        out.append(close);
        return this;
    }

    private void string(String s) {
        StringBuilder o = out;
        o.append('"');
        int n = s.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') {
                    continue; // the common case: copied in runs below
                }
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++; // a valid pair, copied as is
                    continue;
                }
            } else if (c != 0x2028 && c != 0x2029) {
                continue;
            }
            o.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> o.append("\\\"");
                case '\\' -> o.append("\\\\");
                case '\n' -> o.append("\\n");
                case '\r' -> o.append("\\r");
                case '\t' -> o.append("\\t");
                default -> {
                    int u = Character.isSurrogate(c) ? 0xfffd : c; // unpaired surrogate
                    o.append("\\u").append(HEX[(u >> 12) & 0xf]).append(HEX[(u >> 8) & 0xf])
                            .append(HEX[(u >> 4) & 0xf]).append(HEX[u & 0xf]);
                }
            }
        }
        o.append(s, run, n).append('"');
    }
}
