package dev.jrun.core.json;

/**
 * Malformed JSON found by {@link MiniJsonReader}. {@link #reason()} says what is wrong, {@link #line()} and
 * {@link #column()} (both 1-based; columns count characters) where; {@link #truncated()} is true when the input
 * simply ended too early, which is what a crash in the middle of a write leaves behind.
 */
public final class JsonSyntaxException extends RuntimeException {
    private final String reason;
    private final int offset;
    private final int line;
    private final int column;
    private final boolean truncated;

    JsonSyntaxException(String reason, int offset, int line, int column, boolean truncated) {
        super(reason + " at line " + line + ", column " + column);
        this.reason = reason;
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.truncated = truncated;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** Byte offset (0-based) into the input. */
    public int offset() {
        return offset;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The input ended before the JSON value did. */
    public boolean truncated() {
        return truncated;
    }
}
