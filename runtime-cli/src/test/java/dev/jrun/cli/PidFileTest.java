package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.JrunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
    @TempDir
    Path tmp;

    @Test
    void plainDecimalWithoutNewlineAndNoTempFileLeft() throws IOException {
        Path f = tmp.resolve("init.pid");
        PidFile.write(f, 26064);
        assertEquals("26064", Files.readString(f));
        assertFalse(Files.exists(tmp.resolve(".init.pid")));
        PidFile.write(f, 7);
        assertEquals("7", Files.readString(f), "an existing pid file is replaced");
    }

    @Test
    void aMissingDirectoryIsAClearError() {
        JrunException e = assertThrows(JrunException.class, () -> PidFile.write(tmp.resolve("no/init.pid"), 1));
        assertTrue(e.getMessage().startsWith("open " + tmp.resolve("no/.init.pid") + ": no such file or directory"),
                e.getMessage());
    }
}
