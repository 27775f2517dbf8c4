package dev.jrun.linux.cgroup;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a container's cgroup goes, with runc's cgroupfs semantics for {@code linux.cgroupsPath}:
 * <ul>
 *   <li>absolute: that path in every hierarchy;
 *   <li>relative: under this process's own cgroup in each v1 hierarchy (and in a hybrid host's unified one), and
 *       under the parent of its own cgroup on a unified host (runc's fs2: the own cgroup holds processes, so a
 *       child of it could not get controllers enabled);
 *   <li>empty: relative, named by the container id.
 * </ul>
 * A relative path is cleaned as if it were absolute, so {@code ../} cannot climb out (runc's CleanPath).
 */
public final class CgroupPaths {
    private CgroupPaths() {}

    /** The container's directory in each hierarchy of {@code host}, keyed as {@link CgroupRecord#dirs()}. */
    public static Map<String, Path> resolve(CgroupHost host, String cgroupsPath, String id) {
        String inner = cgroupsPath == null || cgroupsPath.isEmpty() ? id : cgroupsPath;
        if (isSystemdForm(inner)) {
            throw new CgroupException("linux.cgroupsPath \"" + inner + "\" is in the systemd driver's"
                    + " slice:prefix:name form, and jrun has no systemd cgroup driver yet: give a cgroupfs path such as"
                    + " \"/jrun/" + id + "\" (or leave it empty)");
        }
        boolean absolute = inner.startsWith("/");
        String clean = Path.of("/").resolve(inner).normalize().toString(); // "/a/b", never above "/"
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (Map.Entry<String, CgroupHost.Hierarchy> e : host.hierarchies().entrySet()) {
            CgroupHost.Hierarchy h = e.getValue();
            if (!host.unified() && e.getKey().isEmpty() && !h.mountPoint().equals(Path.of(CgroupHost.CGROUP_ROOT,
                    "unified"))) {
                continue; // a cgroup2 mount elsewhere on a v1 host is not the hybrid hierarchy
            }
            String base;
            if (absolute) {
                base = "/";
            } else {
                base = hostPathInMount(h);
                if (host.unified()) {
                    Path parent = Path.of(base).getParent();
                    base = parent == null ? "/" : parent.toString();
                }
            }
            Path dir = h.mountPoint();
            String rel = (base + clean).replaceAll("/+", "/");
            for (String part : rel.split("/")) {
                if (!part.isEmpty()) {
                    dir = dir.resolve(part);
                }
            }
            dirs.put(e.getKey(), dir);
        }
        if (dirs.isEmpty()) {
            throw new CgroupException("no cgroup hierarchy is mounted under " + CgroupHost.CGROUP_ROOT);
        }
        return dirs;
    }

    /** This process's own cgroup as a path under the mount (the mount may show only a subtree). */
    private static String hostPathInMount(CgroupHost.Hierarchy h) {
        String own = h.own();
        String root = h.mountRoot();
        if (!root.equals("/") && (own.equals(root) || own.startsWith(root + "/"))) {
            own = own.substring(root.length());
        }
        return own.isEmpty() ? "/" : own;
    }

    /** "system.slice:docker:abc": the systemd driver's form (three parts, the first a slice or empty). */
    static boolean isSystemdForm(String path) {
        String[] parts = path.split(":", -1);
        return parts.length == 3 && (parts[0].isEmpty() || parts[0].endsWith(".slice"));
    }
}
