package dev.jrun.core.state;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as Go's {@code time.RFC3339Nano} writes them in UTC, because runc's JSON output carries them verbatim
 * and tools compare the strings: fraction with trailing zeros trimmed, no fraction at all when it is zero.
 */
public final class GoTime {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private GoTime() {
    }

    public static String format(Instant instant) {
        StringBuilder out = new StringBuilder(30).append(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
        return out.append('Z').toString();
    }

    /** Accepts any RFC 3339 timestamp (any offset, 0–9 fraction digits), as Go's parser does. */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 3339 timestamp: \"" + text + "\"", e);
        }
    }
}
