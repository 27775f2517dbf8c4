package dev.jrun.core.spec;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times one cold read of a config.json, as create does it, in a fresh JVM:
 * {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp ... dev.jrun.core.spec.SpecReadTiming binder|jackson FILE}.
 * "jackson" is the decoding SpecJson.read used before SpecBinder.
 */
public final class SpecReadTiming {
    private SpecReadTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        long t0 = System.nanoTime();
        Spec spec = args[0].equals("jackson")
                ? JacksonSpecReader.parse(Files.readString(file), file.getFileName().toString())
                : SpecJson.read(file);
        long t1 = System.nanoTime();
        System.out.printf("%s: %.1f ms (%d mounts)%n", args[0], (t1 - t0) / 1e6, spec.mounts().size());
    }
}
