package dev.jrun.core.update;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes as runc's {@code update} flags take them: docker/go-units 0.4.0 {@code RAMInBytes}, binary units
 * ({@code 100m} is 100 MiB), an optional {@code i} and {@code b}, an optional space, fractions allowed and truncated.
 */
public final class RamSize {
    private static final Pattern SIZE = Pattern.compile("^(\\d+(\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

    private RamSize() {
    }

    /** Bytes; IllegalArgumentException with go-units' text on a bad size. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        if (m.group(1).indexOf('.') != m.group(1).lastIndexOf('.')) {
            // The pattern lets "1.2.3" through; Go's float parser then refuses it.
            throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + m.group(1) + "\": invalid syntax");
        }
        double size = Double.parseDouble(m.group(1));
        if (m.group(3) != null) {
            int shift = switch (m.group(3).toLowerCase(Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                case "t" -> 40;
                default -> 50;
            };
            size *= (double) (1L << shift);
        }
        return (long) size; // Go's int64(float) conversion, saturating here where Go's is undefined
    }
}
