package dev.jrun.core.state;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as Go's {@code time.RFC3339Nano} writes them in UTC, because runc's JSON output carries them verbatim
 * and tools compare the strings: fraction with trailing zeros trimmed, no fraction at all when it is zero.
 */
public final class GoTime {

    private GoTime() {
    }

    public static String format(Instant instant) {
        // By hand rather than with a DateTimeFormatter, whose construction costs milliseconds at every start.
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        long[] ymd = civilFromDays(days);
        StringBuilder out = new StringBuilder(30);
        pad(out, (int) ymd[0], 4).append('-');
        pad(out, (int) ymd[1], 2).append('-');
        pad(out, (int) ymd[2], 2).append('T');
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            String fraction = pad(new StringBuilder(9), nanos, 9).toString();
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
        Instant utc = parseUtc(text);
        if (utc != null) {
            return utc;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 3339 timestamp: \"" + text + "\"", e);
        }
    }

    /**
     * The UTC form jrun writes ({@code 2026-12-02T14:01:19.065313532Z}) without java.time's formatter machinery,
     * which costs ~5 ms on the first call of every `jrun state`; null for anything else.
     */
    private static Instant parseUtc(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (t.charAt(19) != '.' || n > 30 || n == 21) {
                return null;
            }
            for (int i = 20; i < 29; i++) {
                int d = i < n - 1 ? digit(t, i) : 0;
                if (d < 0) {
                    return null;
                }
                nanos = nanos * 10 + d;
            }
        }
        int year = number(t, 0, 4);
        int month = number(t, 5, 2);
        int day = number(t, 8, 2);
        int hour = number(t, 11, 2);
        int minute = number(t, 14, 2);
        int second = number(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        if (day > daysInMonth(year, month)) {
            return null;
        }
        long epochDay = daysFromCivil(year, month, day);
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    }

    // Calendar arithmetic by hand (H. Hinnant's civil-date algorithms): java.time's LocalDate reaches Year, whose
    // static initialiser builds DateTimeFormatters and regexes, ~50 classes at the start of every `jrun state`.
    static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    static long[] civilFromDays(long z) {
        z += 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return new long[] {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
    }

    private static int daysInMonth(int year, int month) {
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return switch (month) {
            case 2 -> leap ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    private static int number(String t, int from, int digits) {
        int v = 0;
        for (int i = from; i < from + digits; i++) {
            int d = digit(t, i);
            if (d < 0) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int digit(String t, int i) {
        char c = t.charAt(i);
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }
}
