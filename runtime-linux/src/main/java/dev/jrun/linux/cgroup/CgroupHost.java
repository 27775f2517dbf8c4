package dev.jrun.linux.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's cgroup hierarchies as this process sees them (its mountinfo and /proc/self/cgroup), which decide the
 * manager as runc decides it: /sys/fs/cgroup itself cgroup2 is a unified host (v2); otherwise v1, with the unified
 * hierarchy of a hybrid host (/sys/fs/cgroup/unified) joined as well.
 *
 * @param unified true when /sys/fs/cgroup is a cgroup2 mount
 * @param hierarchies by key as in {@link CgroupRecord#dirs()}: v1 ("memory", "cpu,cpuacct", "name=systemd") and
 *     "" for the cgroup2 mount, each with where it is mounted and this process's own cgroup in it
 */
public record CgroupHost(boolean unified, Map<String, Hierarchy> hierarchies) {
    static final String CGROUP_ROOT = "/sys/fs/cgroup";

    /**
     * @param mountPoint where the hierarchy is mounted (its first mount under /sys/fs/cgroup)
     * @param mountRoot the hierarchy path the mount shows (field 4 of mountinfo; "/" unless bind-mounted)
     * @param own this process's cgroup in the hierarchy (from /proc/self/cgroup)
     */
    public record Hierarchy(Path mountPoint, String mountRoot, String own) {
    }

    public static CgroupHost detect() {
        try {
            return parse(Files.readString(Path.of("/proc/self/mountinfo")), Files.readString(Path.of("/proc/self/cgroup")));
        } catch (IOException e) {
            throw new CgroupException("cannot read this process's cgroups: " + e.getMessage(), e);
        }
    }

    /** From the text of /proc/self/mountinfo and /proc/self/cgroup. */
    public static CgroupHost parse(String mountinfo, String procCgroup) {
        Map<String, String> own = new LinkedHashMap<>();
        for (String line : procCgroup.split("\n")) {
            int first = line.indexOf(':');
            int second = line.indexOf(':', first + 1);
            if (first < 0 || second < 0) {
                continue;
            }
            own.put(line.substring(first + 1, second), line.substring(second + 1));
        }
        boolean unified = false;
        Map<String, Hierarchy> found = new LinkedHashMap<>();
        for (String line : mountinfo.split("\n")) {
            String[] f = line.split(" ");
            int dash = indexOf(f, "-");
            if (dash < 0 || f.length < dash + 4) {
                continue;
            }
            String fsType = f[dash + 1];
            String mountPoint = unescape(f[4]);
            if (!mountPoint.equals(CGROUP_ROOT) && !mountPoint.startsWith(CGROUP_ROOT + "/")) {
                continue;
            }
            String key;
            if (fsType.equals("cgroup2")) {
                key = "";
                unified |= mountPoint.equals(CGROUP_ROOT);
            } else if (fsType.equals("cgroup")) {
                key = v1Key(f[dash + 3]);
                if (key == null) {
                    continue;
                }
            } else {
                continue;
            }
            if (found.containsKey(key)) {
                continue; // the first mount of a hierarchy is the one to use
            }
            String ownPath = own.get(key);
            if (ownPath == null) {
                continue;
            }
            found.put(key, new Hierarchy(Path.of(mountPoint), unescape(f[3]), ownPath));
        }
        return new CgroupHost(unified, found);
    }

    /** The controllers of a v1 mount from its super options ("rw,cpu,cpuacct" gives "cpu,cpuacct"). */
    private static String v1Key(String superOptions) {
        List<String> names = new ArrayList<>();
        for (String o : superOptions.split(",")) {
            if (o.startsWith("name=") || (!o.equals("rw") && !o.equals("ro") && !o.contains("=")
                    && !o.equals("noprefix") && !o.equals("cpuset_v2_mode") && !o.equals("xattr")
                    && !o.equals("clone_children") && !o.equals("nofavordynmods") && !o.equals("favordynmods"))) {
                names.add(o);
            }
        }
        return names.isEmpty() ? null : String.join(",", names);
    }

    private static int indexOf(String[] fields, String s) {
        for (int i = 6; i < fields.length; i++) {
            if (fields[i].equals(s)) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        return s.indexOf('\\') < 0 ? s : s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n")
                .replace("\\134", "\\");
    }
}
