package dev.jrun.core.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Escapes strings the way Go's encoding/json does by default (which is what runc prints), so our output is
 * byte-identical: {@code <>&} and U+2028/U+2029 become {@code \\u003c}-style escapes, and control characters other
 * than \n, \r, \t use lowercase {@code \\u00xx} (Go before 1.22, which runc 1.1 was built with, had no \b or \f).
 */
public final class GoJsonEscapes extends CharacterEscapes {
    public static final GoJsonEscapes INSTANCE = new GoJsonEscapes();

    private final int[] codes;

    private GoJsonEscapes() {
        codes = standardAsciiEscapesForJSON();
        for (int c = 0; c < 0x20; c++) {
            if (c != '\n' && c != '\r' && c != '\t') { // those keep Jackson's two-character escapes, as in Go
                codes[c] = ESCAPE_CUSTOM;
            }
        }
        codes['<'] = ESCAPE_CUSTOM;
        codes['>'] = ESCAPE_CUSTOM;
        codes['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return codes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
        return null;
    }
}
