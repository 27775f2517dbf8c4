package dev.jrun.cli;

import dev.jrun.core.JrunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The caller's effective uid and gid without JNA: /proc/self belongs to them. */
final class CallerIds {
    private CallerIds() {
    }

    static long uid() {
        return read("uid");
    }

    static long gid() {
        return read("gid");
    }

    private static long read(String which) {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:" + which)).longValue();
        } catch (IOException e) {
            throw new JrunException("cannot read the current " + which + " from /proc/self: " + e.getMessage(), e);
        }
    }
}
