package dev.jrun.linux.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The home directory of a uid in a container's /etc/passwd, as runc's libcontainer/user finds it: the first line
 * whose third field is the uid, its sixth field; "/" when the file is missing or has no such user. Read by the
 * parent at compile time, from the rootfs (symlinks resolved inside it, never on the host).
 */
public final class HomeDirectory {
    public static final String DEFAULT = "/";
    private static final int MAX_SYMLINKS = 40;

    private HomeDirectory() {}

    /** HOME for {@code uid} from {@code <rootfs>/etc/passwd}. */
    public static String inRootfs(Path rootfs, long uid) {
        Path passwd = resolveInside(rootfs, "/etc/passwd");
        return passwd == null ? DEFAULT : fromFile(passwd, uid);
    }

    /** HOME for {@code uid} from a passwd-format file. */
    public static String fromFile(Path passwd, long uid) {
        if (!Files.isRegularFile(passwd)) {
            return DEFAULT;
        }
        try (InputStream in = Files.newInputStream(passwd)) {
            return fromStream(in, uid);
        } catch (IOException e) {
            return DEFAULT;
        }
    }

    static String fromStream(InputStream in, long uid) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            // name:password:uid:gid:gecos:home:shell
            String[] fields = line.split(":", -1);
            if (fields.length < 3 || !isUid(fields[2]) || Long.parseLong(fields[2]) != uid) {
                // runc's parser reads a non-numeric uid as 0, so "#comment" lines would match root there; that is a
                // bug, not a contract, and such a line is skipped here.
                continue;
            }
            return fields.length > 5 ? fields[5] : "";
        }
        return DEFAULT;
    }

    private static boolean isUid(String field) {
        if (field.isEmpty() || field.length() > 10) {
            return false;
        }
        for (int i = 0; i < field.length(); i++) {
            if (field.charAt(i) < '0' || field.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code path} (absolute, container view) as a host path under {@code rootfs}, following symlinks the way the
     * container would see them: an absolute target starts again at the rootfs, ".." stops at it. Null when a
     * component is missing or there are too many links.
     */
    static Path resolveInside(Path rootfs, String path) {
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(java.util.List.of(path.split("/")));
        java.util.ArrayDeque<String> done = new java.util.ArrayDeque<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.removeFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            done.addLast(part);
            Path host = hostPath(rootfs, done);
            if (Files.isSymbolicLink(host)) {
                if (++links > MAX_SYMLINKS) {
                    return null;
                }
                String target;
                try {
                    target = Files.readSymbolicLink(host).toString();
                } catch (IOException e) {
                    return null;
                }
                done.removeLast();
                if (target.startsWith("/")) {
                    done.clear();
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    todo.addFirst(parts[i]);
                }
            } else if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
        }
        return hostPath(rootfs, done);
    }

    private static Path hostPath(Path rootfs, Iterable<String> parts) {
        Path p = rootfs;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }
}
