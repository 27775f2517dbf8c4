package dev.jrun.linux.passwd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * User names by uid from a passwd file, the way runc's list finds a state directory's owner (libcontainer/user reads
 * /etc/passwd; it does not ask NSS). Also cheaper: the JDK's owner lookup goes through getpwuid_r and loads NSS
 * modules, which made `jrun list` measurably slower than `jrun state`.
 */
public final class UserNames {
    private final Path passwd;
    // list asks once per container, nearly always for the same uid.
    private long lastUid = -1;
    private String lastName;

    public UserNames(Path passwd) {
        this.passwd = passwd;
    }

    public static UserNames system() {
        return new UserNames(Path.of("/etc/passwd"));
    }

    /** The name of {@code uid}, or {@code #uid} when the file has no such user (runc's fallback). */
    public String nameOf(long uid) {
        if (uid == lastUid) {
            return lastName;
        }
        lastName = lookUp(uid);
        lastUid = uid;
        return lastName;
    }

    private String lookUp(long uid) {
        if (Files.isReadable(passwd)) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(passwd),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String name = match(line, uid);
                    if (name != null) {
                        return name;
                    }
                }
            } catch (IOException e) {
                // An unreadable passwd file is the same as a missing user: fall through to "#uid".
            }
        }
        return "#" + uid;
    }

    /** name:password:uid:… — the name when the third field is {@code uid}. */
    private static String match(String line, long uid) {
        int first = line.indexOf(':');
        if (first <= 0 || line.startsWith("#")) {
            return null;
        }
        int second = line.indexOf(':', first + 1);
        if (second < 0) {
            return null;
        }
        int third = line.indexOf(':', second + 1);
        String field = third < 0 ? line.substring(second + 1) : line.substring(second + 1, third);
        if (field.isEmpty() || field.length() > 10) {
            return null;
        }
        for (int i = 0; i < field.length(); i++) {
            if (field.charAt(i) < '0' || field.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(field) == uid ? line.substring(0, first) : null;
    }
}
