package dev.jrun.core.events;

/**
 * Go's {@code time.ParseDuration}, which runc's {@code --interval} uses: a sequence of decimal numbers with a unit
 * each ({@code 300ms}, {@code 1.5h}, {@code 2h45m}), units ns, us (or µs), ms, s, m, h; an optional sign; a bare
 * {@code 0}.
 */
public final class GoDuration {
    private GoDuration() {
    }

    /** Nanoseconds; throws IllegalArgumentException on anything Go refuses (also on overflow). */
    public static long parseNanos(String s) {
        if (s == null || s.isEmpty()) {
            throw invalid(s);
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) {
            return 0;
        }
        if (i == s.length()) {
            throw invalid(s);
        }
        double total = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            boolean whole = i > start;
            int fracStart = i;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
            boolean frac = i > fracStart + 1;
            if (!whole && !frac) {
                throw invalid(s);
            }
            double number = Double.parseDouble(s.substring(start, i).endsWith(".")
                    ? s.substring(start, i) + "0" : s.substring(start, i));
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !Character.isDigit(s.charAt(i))) {
                i++;
            }
            long unit = switch (s.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "\u00b5s", "\u03bcs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw invalid(s); // also a missing unit
            };
            total += number * unit;
            if (total > Long.MAX_VALUE) {
                throw invalid(s);
            }
        }
        long nanos = (long) total;
        return negative ? -nanos : nanos;
    }

    private static IllegalArgumentException invalid(String s) {
        return new IllegalArgumentException("time: invalid duration \"" + s + "\"");
    }
}
