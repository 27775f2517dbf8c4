package dev.jrun.core.spec;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/** Go's encoder escapes {@code < > &} as \u003c etc.; doing the same keeps our output byte-identical to runc's. */
final class GoHtmlEscapes extends CharacterEscapes {
    private final int[] escapes;

    GoHtmlEscapes() {
        escapes = standardAsciiEscapesForJSON();
        escapes['<'] = ESCAPE_CUSTOM;
        escapes['>'] = ESCAPE_CUSTOM;
        escapes['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return new SerializedString(String.format("\\u%04x", ch));
    }
}
