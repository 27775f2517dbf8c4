package dev.jrun.linux.passwd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserNamesTest {
    @TempDir
    Path tmp;

    @Test
    void findsTheNameByUidAndFallsBackLikeRunc() throws Exception {
        Path passwd = tmp.resolve("passwd");
        Files.writeString(passwd, """
                # comment:x:7:7
                root:x:0:0:root:/root:/bin/bash
                broken-line
                odd:x:abc:1::/:/bin/sh
                alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
                short:x:1001
                """);
        UserNames names = new UserNames(passwd);
        assertEquals("root", names.nameOf(0));
        assertEquals("alice", names.nameOf(1000));
        assertEquals("short", names.nameOf(1001));
        assertEquals("#7", names.nameOf(7));
        assertEquals("#4242", names.nameOf(4242));
        assertEquals("#0", new UserNames(tmp.resolve("missing")).nameOf(0));
    }

    @Test
    void agreesWithTheJdkForTheCurrentUserOnThisHost() throws Exception {
        long uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        assertEquals(Files.getOwner(Path.of("/proc/self")).getName(), UserNames.system().nameOf(uid));
    }
}
