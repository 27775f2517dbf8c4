package dev.jrun.linux.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * filepath-securejoin's SecureJoin, which runc applies to mount destinations before creating them: walk the path
 * in the host copy of the rootfs, following each symlink as if the rootfs were "/" (an absolute target restarts
 * at the rootfs, ".." stops there), and return the container path it comes to. Missing components count as plain
 * directories. Run while compiling; the plan then creates and opens that path with RESOLVE_IN_ROOT, so a symlink
 * planted between compiling and mounting still cannot lead outside.
 */
public final class SecureJoin {
    private static final int MAX_LINKS = 255;

    private SecureJoin() {}

    /** The cleaned container path {@code unsafe} resolves to inside {@code root}. */
    public static String resolve(Path root, String unsafe) {
        List<String> current = new ArrayList<>();
        List<String> pending = new ArrayList<>(List.of(unsafe.split("/")));
        int links = 0;
        while (!pending.isEmpty()) {
            String p = pending.removeFirst();
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!current.isEmpty()) {
                    current.removeLast();
                }
                continue;
            }
            Path full = root.resolve(String.join("/", current)).resolve(p);
            if (!isSymlink(full)) {
                current.add(p);
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new IllegalArgumentException("too many symlinks resolving " + unsafe + " in " + root);
            }
            String target;
            try {
                target = Files.readSymbolicLink(full).toString();
            } catch (IOException e) {
                current.add(p);
                continue;
            }
            if (target.startsWith("/")) {
                current.clear();
            }
            pending.addAll(0, List.of(target.split("/")));
        }
        return current.isEmpty() ? "/" : "/" + String.join("/", current);
    }

    private static boolean isSymlink(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink();
        } catch (IOException e) {
            return false;
        }
    }
}
