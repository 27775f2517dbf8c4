package dev.jrun.linux.seccomp;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An anonymous in-memory file (memfd_create) for seccomp_export_bpf(), which only writes to a file descriptor. A
 * pipe would block once the program outgrows the pipe buffer; a memfd never touches a file system.
 */
final class Memfd implements AutoCloseable {
    private static final int MFD_CLOEXEC = 1;

    static {
        Native.register(Memfd.class, Platform.C_LIBRARY_NAME);
    }

    private static native int memfd_create(String name, int flags);

    private static native int close(int fd);

    private final int fd;

    private Memfd(int fd) {
        this.fd = fd;
    }

    static Memfd create(String name) {
        int fd = memfd_create(name, MFD_CLOEXEC);
        if (fd < 0) {
            int errno = Native.getLastError();
            throw new SeccompException("cannot create a memfd to export the seccomp filter into: "
                    + Errno.describe(errno) + "; the kernel must support memfd_create(2)");
        }
        return new Memfd(fd);
    }

    int fd() {
        return fd;
    }

    /** Opening /proc/self/fd/N gives a fresh file description, so this reads from offset 0 whatever was written. */
    byte[] readAll() {
        try {
            return Files.readAllBytes(Path.of("/proc/self/fd/" + fd));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the exported seccomp filter from memfd " + fd, e);
        }
    }

    @Override
    public void close() {
        close(fd);
    }
}
