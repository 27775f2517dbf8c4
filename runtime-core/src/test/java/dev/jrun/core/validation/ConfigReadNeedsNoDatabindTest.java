package dev.jrun.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create reads, validates and support-checks config.json through SpecBinder: databind must not be needed. */
class ConfigReadNeedsNoDatabindTest {
    @TempDir
    Path tmp;

    @Test
    void bundleLoadAndSupportCheckWorkWithoutDatabindOnTheClassPath() throws Exception {
        String[] full = System.getProperty("java.class.path").split(File.pathSeparator);
        assertTrue(Arrays.stream(full).anyMatch(e -> e.contains("jackson-databind")), "test would prove nothing");
        String reduced = String.join(File.pathSeparator, Arrays.stream(full)
                .filter(e -> !e.contains("jackson-databind") && !e.contains("jackson-annotations")).toList());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", reduced,
                CreateConfigWithoutDatabind.class.getName(), tmp.resolve("bundle").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("keys true args [sh]"), out);
    }
}
