package dev.jrun.linux.rootfs;

import java.util.ArrayList;
import java.util.List;

/**
 * A path inside the container, cleaned lexically as Go's filepath.Clean does on "/" + path: repeated slashes and
 * "." go, ".." removes the previous component and never climbs above "/". A relative path counts from "/" (runc
 * accepts relative mount destinations with a warning and resolves them inside the rootfs the same way).
 */
public final class ContainerPath {
    private ContainerPath() {}

    /** The cleaned absolute form: "/", or "/a/b" with no trailing slash. */
    public static String clean(String path) {
        List<String> parts = components(path);
        return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
    }

    /** The cleaned path's components, root first; empty for "/". */
    public static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    /** The cleaned path relative to the root, for a *at call on the root's fd: "a/b", or "." for the root. */
    public static String relative(String path) {
        List<String> parts = components(path);
        return parts.isEmpty() ? "." : String.join("/", parts);
    }

    /** {@code path} is {@code ancestor} or lies below it (both cleaned first). */
    public static boolean isWithin(String path, String ancestor) {
        List<String> p = components(path);
        List<String> a = components(ancestor);
        return p.size() >= a.size() && p.subList(0, a.size()).equals(a);
    }
}
