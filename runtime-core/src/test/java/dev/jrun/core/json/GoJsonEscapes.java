package dev.jrun.core.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Test oracle for {@link GoJsonWriter}: jackson's generator set to escape as Go's encoding/json does by default (what
 * runc prints): less-than, greater-than, ampersand and U+2028/U+2029 as backslash-u escapes, and control characters
 * other than newline, return and tab as lowercase backslash-u00xx.
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
