package dev.jrun.linux.cgroup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads and writes of cgroupfs interface files, with errors that name the setting, the value and the file. */
public final class CgroupFiles {
    private CgroupFiles() {}

    /**
     * One write(2) of {@code value}, never creating the file (cgroupfs files exist or the kernel lacks the knob).
     *
     * @param setting the JSON path or flag the value comes from, for the message
     */
    public static void write(String setting, Path file, String value) {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            throw new CgroupException(setting + ": " + file + " does not exist: this kernel's cgroup has no such"
                    + " setting; remove " + setting + " from the config");
        } catch (IOException e) {
            throw new CgroupException(setting + ": cannot write \"" + value + "\" to " + file + ": "
                    + errnoText(e), e);
        }
    }

    /** The file's content trimmed, or null when it does not exist. */
    public static String readOrNull(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new CgroupException("cannot read " + file + ": " + errnoText(e), e);
        }
    }

    /** A number file (uint64 as a long; "max" is 0), 0 when absent. */
    public static long number(Path file) {
        String s = readOrNull(file);
        if (s == null || s.isEmpty() || s.equals("max")) {
            return 0;
        }
        return parse(s);
    }

    public static long parse(String s) {
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e2) {
                return 0;
            }
        }
    }

    /** "key value" lines (memory.stat, cpu.stat, memory.events, memory.oom_control); null text gives an empty map. */
    public static java.util.Map<String, Long> keyValues(String text) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                out.put(line.substring(0, space), parse(line.substring(space + 1).trim()));
            }
        }
        return out;
    }

    /** A cpuset list, "0-2,5", as [0, 1, 2, 5]; null or empty text gives an empty list. */
    public static java.util.List<Integer> cpuList(String text) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            int from = Integer.parseInt((dash < 0 ? part : part.substring(0, dash)).trim());
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).trim());
            for (int i = from; i <= to; i++) {
                out.add(i);
            }
        }
        return out;
    }

    /** Java puts the kernel's strerror text in the message (sometimes after the path). */
    public static String errnoText(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int colon = m.lastIndexOf(": ");
        return (colon >= 0 ? m.substring(colon + 2) : m).toLowerCase(java.util.Locale.ROOT);
    }
}
