package dev.jrun.core.state;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Run in a separate JVM by StateStoreTest: prints whether the container's lock could be taken without waiting. */
public final class LockProbe {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0], args[1], ".lock");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            System.out.println(lock == null ? "busy" : "free");
        }
    }
}
