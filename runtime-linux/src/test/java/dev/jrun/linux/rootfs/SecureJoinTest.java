package dev.jrun.linux.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureJoinTest {
    @TempDir
    Path root;

    @Test
    void symlinksResolveInsideTheRoot() throws IOException {
        Files.createDirectories(root.resolve("real/dir"));
        Files.createDirectories(root.resolve("mnt"));
        Files.createSymbolicLink(root.resolve("mnt/abs"), Path.of("/etc/host-only"));
        Files.createSymbolicLink(root.resolve("mnt/up"), Path.of("../../../../real"));
        Files.createSymbolicLink(root.resolve("mnt/rel"), Path.of("../real/dir"));
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));

        assertEquals("/etc/host-only", SecureJoin.resolve(root, "/mnt/abs"));
        assertEquals("/etc/host-only/x", SecureJoin.resolve(root, "/mnt/abs/x"));
        assertEquals("/real/dir", SecureJoin.resolve(root, "/mnt/up/dir"));
        assertEquals("/real/dir/y", SecureJoin.resolve(root, "mnt/rel/y"));
        assertEquals("/missing/a", SecureJoin.resolve(root, "/missing/./a/b/.."));
        assertEquals("/", SecureJoin.resolve(root, "/../.."));
        assertThrows(IllegalArgumentException.class, () -> SecureJoin.resolve(root, "/loop"));
    }
}
