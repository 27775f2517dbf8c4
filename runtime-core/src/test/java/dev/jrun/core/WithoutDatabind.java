package dev.jrun.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Runs a main in a JVM whose class path lacks jackson-databind and its annotations, to prove a path needs neither. */
public final class WithoutDatabind {
    private WithoutDatabind() {
    }

    /** Runs {@code main} with {@code arg}; asserts it exits 0 and returns its output (stdout and stderr). */
    public static String run(Class<?> main, String arg) throws Exception {
        String[] full = System.getProperty("java.class.path").split(File.pathSeparator);
        assertTrue(Arrays.stream(full).anyMatch(e -> e.contains("jackson-databind")), "test would prove nothing");
        String reduced = String.join(File.pathSeparator, Arrays.stream(full)
                .filter(e -> !e.contains("jackson-databind") && !e.contains("jackson-annotations")).toList());
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                reduced, main.getName(), arg);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
