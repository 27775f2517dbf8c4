package dev.jrun.linux.container;

import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The process model's acceptance run in one warm JVM (DESIGN.md section 1): N create, start, wait cycles back to
 * back through the launcher, as a long-lived caller would make them, with the JIT and GC busy around the clones.
 * Prints failures, watchdog retries and clone-to-READY times. Used by scripts/stress.sh --in-process.
 * Usage: Stress BUNDLE CYCLES
 */
public final class Stress {
    private Stress() {}

    public static void main(String[] args) throws IOException {
        Path bundle = Path.of(args[0]).toAbsolutePath();
        int cycles = Integer.parseInt(args[1]);
        Spec spec = SpecJson.read(bundle.resolve("config.json"));
        Path state = Files.createTempDirectory("jrun-stress");
        int failures = 0;
        int retries = 0;
        long[] micros = new long[cycles];
        for (int i = 0; i < cycles; i++) {
            long t0 = System.nanoTime();
            try {
                Created c = ContainerLauncher.create(new CreateRequest("stress", bundle, spec, state, false, 0));
                retries += c.watchdogRetries();
                ExecFifo.release(state);
                int code = ProcessControl.waitForExit(c.pid());
                if (code != 0) {
                    failures++;
                    System.err.println("cycle " + i + ": exit " + code);
                }
            } catch (RuntimeException e) {
                failures++;
                System.err.println("cycle " + i + ": " + e.getMessage());
                Files.deleteIfExists(state.resolve(ExecFifo.NAME));
            }
            micros[i] = (System.nanoTime() - t0) / 1000;
        }
        Files.deleteIfExists(state.resolve(ExecFifo.NAME));
        Files.delete(state);
        Arrays.sort(micros);
        System.out.printf("%d in-process create/start/exit cycles: %d failed, %d watchdog retries, cycle median %.1f ms,"
                + " p99 %.1f ms%n", cycles, failures, retries, micros[cycles / 2] / 1000.0,
                micros[Math.min(cycles - 1, cycles * 99 / 100)] / 1000.0);
        System.exit(failures == 0 ? 0 : 1);
    }
}
