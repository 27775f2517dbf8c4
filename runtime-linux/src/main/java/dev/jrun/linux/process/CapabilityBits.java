package dev.jrun.linux.process;

import dev.jrun.core.features.Implemented;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

/**
 * Capability names as config.json spells them ({@code CAP_CHOWN}) and their kernel bit numbers, up to
 * CAP_CHECKPOINT_RESTORE (40, Linux 5.9). Names are exact and upper-case, as in runc (which builds its table as
 * {@code "CAP_" + upper(name)} and looks names up verbatim).
 */
public final class CapabilityBits {
    /** Index = bit number. */
    private static final List<String> NAMES = Implemented.CAPABILITIES;

    /** The highest bit this table names. */
    public static final int LAST_KNOWN = NAMES.size() - 1;

    private static final String CAP_LAST_CAP = "/proc/sys/kernel/cap_last_cap";
    private static volatile int hostLastCap = -1;

    private CapabilityBits() {}

    /** Every name jrun knows, in bit order (what {@code jrun features} lists). */
    public static List<String> names() {
        return NAMES;
    }

    public static OptionalInt bit(String name) {
        int bit = NAMES.indexOf(name);
        return bit < 0 ? OptionalInt.empty() : OptionalInt.of(bit);
    }

    /** {@code CAP_SYS_ADMIN} for 21; {@code CAP_41} for a bit newer than this table. */
    public static String name(int bit) {
        return bit >= 0 && bit < NAMES.size() ? NAMES.get(bit) : "CAP_" + bit;
    }

    /**
     * The bits of {@code names} that the running kernel has ({@code <= lastCap}), as a 64-bit mask. Names the table
     * does not know and capabilities newer than the kernel are left out, as runc ignores them ("ignoring unknown or
     * unavailable capabilities").
     */
    public static long mask(List<String> names, int lastCap) {
        long mask = 0;
        if (names == null) {
            return 0;
        }
        for (String name : names) {
            OptionalInt bit = bit(name);
            if (bit.isPresent() && bit.getAsInt() <= lastCap) {
                mask |= 1L << bit.getAsInt();
            }
        }
        return mask;
    }

    /** The names of the bits set in {@code mask}, in bit order. */
    public static List<String> namesOf(long mask) {
        return java.util.stream.IntStream.range(0, 64).filter(i -> (mask & (1L << i)) != 0).mapToObj(
                CapabilityBits::name).toList();
    }

    /**
     * The running kernel's highest capability, from /proc/sys/kernel/cap_last_cap. Read with a plain stream:
     * {@code Files.readAllBytes} returned "4" for "40\n" on this JDK (procfs reports size 0, DESIGN.md section 1).
     */
    public static int hostLastCap() {
        int known = hostLastCap;
        if (known >= 0) {
            return known;
        }
        try (FileInputStream in = new FileInputStream(CAP_LAST_CAP)) {
            byte[] buffer = new byte[32];
            int n = 0;
            int r;
            while (n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0) {
                n += r;
            }
            known = parseLastCap(new String(buffer, 0, n, StandardCharsets.US_ASCII));
        } catch (IOException | NumberFormatException e) {
            // No procfs answer (very old kernels): assume the table's last, drops of unknown bits get EINVAL.
            known = LAST_KNOWN;
        }
        hostLastCap = known;
        return known;
    }

    static int parseLastCap(String text) {
        int value = Integer.parseInt(text.trim());
        if (value < 0 || value > 63) {
            throw new NumberFormatException("cap_last_cap out of range: " + value);
        }
        return value;
    }
}
