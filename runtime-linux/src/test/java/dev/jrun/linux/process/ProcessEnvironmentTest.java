package dev.jrun.linux.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.JrunException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessEnvironmentTest {
    @Test
    void repeatedNamesKeepTheirFirstPlaceAndLastValueAndHomeIsAppended() {
        // What runc 1.1.5 printed for env ["A=1","B=2","A=3","PATH=/bin"].
        assertEquals(List.of("A=3", "B=2", "PATH=/bin", "HOME=/root"),
                ProcessEnvironment.of(List.of("A=1", "B=2", "A=3", "PATH=/bin"), "/root"));
    }

    @Test
    void anEmptyHomeIsFilledInPlace() {
        assertEquals(List.of("A=1", "HOME=/root"), ProcessEnvironment.of(List.of("A=1", "HOME="), "/root"));
        assertEquals(List.of("HOME=/x", "A=1"), ProcessEnvironment.of(List.of("HOME=/x", "A=1"), "/root"));
        assertTrue(ProcessEnvironment.needsHome(List.of("HOME=/x", "HOME=")));
        assertFalse(ProcessEnvironment.needsHome(List.of("HOME=", "HOME=/x")));
        assertTrue(ProcessEnvironment.needsHome(null));
    }

    @Test
    void malformedEntriesInRuncsWords() {
        assertEquals("invalid environment variable: \"FOO\"",
                assertThrows(JrunException.class, () -> ProcessEnvironment.of(List.of("FOO"), "/")).getMessage());
        assertEquals("environment variable name can't be empty: \"=x\"",
                assertThrows(JrunException.class, () -> ProcessEnvironment.of(List.of("=x"), "/")).getMessage());
    }

    @Test
    void homeIsTheFirstMatchingUidsSixthField() throws IOException {
        String passwd = "root:x:0:0:root:/root:/bin/sh\n\n  u:x:1000:1000::/home/u:/bin/sh  \nv:x:1000:1::/v:\n"
                + "#x:x:5:5::/comment:\nshort:x:7\n";
        assertEquals("/root", home(passwd, 0));
        assertEquals("/home/u", home(passwd, 1000));
        // runc has no comment syntax in passwd: a "#" line with a numeric uid is an entry like any other.
        assertEquals("/comment", home(passwd, 5));
        assertEquals("", home(passwd, 7));
        assertEquals("/", home(passwd, 42));
    }

    private static String home(String passwd, long uid) throws IOException {
        return HomeDirectory.fromStream(new ByteArrayInputStream(passwd.getBytes(StandardCharsets.UTF_8)), uid);
    }

    @Test
    void passwdSymlinksResolveInsideTheRootfs(@TempDir Path dir) throws IOException {
        Path rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createDirectories(rootfs.resolve("usr/share"));
        Files.writeString(rootfs.resolve("usr/share/passwd"), "root:x:0:0::/inside:/bin/sh\n");
        // An absolute link is the container's absolute path, not the host's.
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/usr/share/passwd"));
        assertEquals("/inside", HomeDirectory.inRootfs(rootfs, 0));
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("../../../../usr/share/passwd"));
        assertEquals("/inside", HomeDirectory.inRootfs(rootfs, 0));
        Files.delete(rootfs.resolve("etc/passwd"));
        assertEquals("/", HomeDirectory.inRootfs(rootfs, 0));
    }

    @Test
    void lookupCandidatesFollowGoLookPath() {
        ExecutableLookup bare = ExecutableLookup.of("sh", "/usr/local/bin:/bin/:/usr//bin/../bin::.:rel");
        assertTrue(bare.searched());
        assertEquals(List.of("/usr/local/bin/sh", "/bin/sh", "/usr/bin/sh", "sh", "rel/sh"), bare.candidates());
        assertEquals(List.of("/usr/local/bin/sh", "/bin/sh", "/usr/bin/sh"), bare.execCandidates());
        assertEquals(List.of(), ExecutableLookup.of("sh", null).candidates());
        assertEquals(List.of(), ExecutableLookup.of("sh", "").candidates());
        ExecutableLookup path = ExecutableLookup.of("./run.sh", "/bin");
        assertFalse(path.searched());
        assertEquals(List.of("./run.sh"), path.execCandidates());
        assertEquals("/", ExecutableLookup.clean("/.."));
    }
}
