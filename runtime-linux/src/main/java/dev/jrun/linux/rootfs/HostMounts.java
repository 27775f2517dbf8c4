package dev.jrun.linux.rootfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parent's mount table (/proc/self/mountinfo), read while compiling: the child starts in a copy of it, so the
 * compiler can decide from it what runc's init decides by reading mountinfo itself (the rootfs's parent mount, the
 * host procfs and sysfs mounts to hide with --no-pivot, the cgroup v1 hierarchies).
 */
public record HostMounts(List<Entry> entries) {
    /**
     * One line: {@code root} is the mounted subtree, {@code optional} the optional fields ("shared:1 master:2"),
     * {@code superOptions} the filesystem's options ("rw,memory").
     */
    public record Entry(String root, String mountPoint, String optional, String fsType, String source,
            String superOptions) {
        public boolean shared() {
            for (String field : optional.split(" ")) {
                if (field.startsWith("shared:")) {
                    return true;
                }
            }
            return false;
        }
    }

    public HostMounts {
        entries = List.copyOf(entries);
    }

    /** This process's mount table. */
    public static HostMounts current() {
        try {
            return parse(Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("read /proc/self/mountinfo", e);
        }
    }

    public static HostMounts parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            int dash = 6;
            while (dash < f.length && !f[dash].equals("-")) {
                dash++;
            }
            if (f.length < 5 || dash + 2 >= f.length) {
                continue;
            }
            StringBuilder optional = new StringBuilder();
            for (int i = 6; i < dash; i++) {
                optional.append(i > 6 ? " " : "").append(f[i]);
            }
            entries.add(new Entry(unescape(f[3]), unescape(f[4]), optional.toString(), f[dash + 1],
                    unescape(f[dash + 2]), dash + 3 < f.length ? f[dash + 3] : ""));
        }
        return new HostMounts(entries);
    }

    /** The mount {@code path} lies on: the longest mount point that is an ancestor (runc's getParentMount). */
    public Entry parentOf(String path) {
        Entry best = null;
        for (Entry e : entries) {
            if (ContainerPath.isWithin(path, e.mountPoint())
                    && (best == null || e.mountPoint().length() >= best.mountPoint().length())) {
                best = e;
            }
        }
        return best;
    }

    /** mountinfo escapes space, tab, newline and backslash as \ooo. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                try {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: keep the backslash
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
