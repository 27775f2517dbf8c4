package dev.jrun.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jrun state} and {@code jrun list} must start fast: the state package must not need databind (nor, since StateJsonStrictnessTest, any jackson). */
class NoDatabindTest {
    @TempDir
    Path tmp;

    @Test
    void stateCommandsWorkWithoutDatabindOnTheClassPath() throws Exception {
        String[] full = System.getProperty("java.class.path").split(File.pathSeparator);
        assertTrue(Arrays.stream(full).anyMatch(e -> e.contains("jackson-databind")), "test would prove nothing");
        String reduced = String.join(File.pathSeparator, Arrays.stream(full)
                .filter(e -> !e.contains("jackson-databind") && !e.contains("jackson-annotations")).toList());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", reduced,
                StateCommandsWithoutDatabind.class.getName(), tmp.resolve("root").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("\"status\": \"stopped\"") && out.contains("\"pid\": 0"), out);
        assertTrue(out.contains("[{\"ociVersion\":\"1.2.1\",\"id\":\"c1\""), out);
    }
}
