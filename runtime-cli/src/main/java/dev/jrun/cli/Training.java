package dev.jrun.cli;

import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.ContainerStatus;
import dev.jrun.core.state.StateJson;
import dev.jrun.core.state.StateStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The AOT caches' training runs (install.sh): runs the everyday command lines in one JVM so that the classes they
 * load and link are archived. Not a user command. Two caches, because a JDK 25 AOT cache loads and links every class
 * it holds at startup: the "fast" cache holds only what state, list and version use (measured: ~20 ms less per
 * start than one cache holding picocli, databind and logback too); "full" serves every other command.
 * Usage: Training fast|full DIR
 */
final class Training {
    private Training() {
    }

    public static void main(String[] args) throws IOException {
        boolean full = args[0].equals("full");
        Path dir = Path.of(args[1]);
        Path root = dir.resolve("root");
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.createDirectories(bundle.resolve("rootfs"));
        String r = root.toString();
        ContainerState trained = new ContainerState("1.2.1", "trained", (int) ProcessHandle.current().pid(),
                ContainerStatus.CREATED, bundle.toString(), bundle.resolve("rootfs").toString(), Instant.now(),
                Map.of(), "", 0);
        if (full) {
            new StateStore(root).create(trained);
        } else {
            // Written plainly: StateStore.create's temp file and fsync machinery (SecureRandom, FileChannel) would
            // otherwise land in the fast cache, which loads every class it holds at each start.
            Files.createDirectories(root.resolve("trained"));
            try (java.io.FileOutputStream out = new java.io.FileOutputStream(
                    root.resolve("trained").resolve("state.json").toFile())) {
                out.write(StateJson.write(trained));
            }
        }
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(sink);
        System.setErr(sink);
        try {
            for (int round = 0; round < 3; round++) {
                run("--version");
                run("--root", r, "state", "trained");
                run("--root", r, "list");
                run("--root", r, "list", "--format", "json");
                run("--root", r, "list", "-q");
                if (!full) {
                    continue;
                }
                run("--root", r, "state", "missing");
                run("--root", r, "--log", dir.resolve("log.json").toString(), "--log-format", "json", "state", "x");
                run("--root", r, "--help");
                run("features");
                run("spec", "--bundle", bundle.toString());
                run("validate", "--bundle", bundle.toString());
                Files.deleteIfExists(bundle.resolve("config.json"));
                run("spec", "--rootless", "--bundle", bundle.toString());
                Files.deleteIfExists(bundle.resolve("config.json"));
                run("--bogus");
            }
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
    }

    private static void run(String... args) {
        Main.run(args);
    }
}
