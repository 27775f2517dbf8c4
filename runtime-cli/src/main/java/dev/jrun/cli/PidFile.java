package dev.jrun.cli;

import dev.jrun.core.JrunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code --pid-file}: the init's pid in plain decimal, no newline, as runc writes it. Written to ".NAME" beside it
 * and renamed, so an engine polling for the file never reads a partial one.
 */
final class PidFile {
    private PidFile() {
    }

    static void write(Path file, int pid) {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName());
        try {
            Files.write(tmp, Integer.toString(pid).getBytes(StandardCharsets.US_ASCII));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (NoSuchFileException e) {
            throw new JrunException("open " + tmp + ": no such file or directory (--pid-file: "
                    + target.getParent() + " must exist)", e);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw new JrunException("cannot write pid file " + target + ": " + e.getMessage(), e);
        }
    }
}
