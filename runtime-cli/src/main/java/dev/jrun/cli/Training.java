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
 * start than one cache holding picocli, databind and logback too); "lifecycle" holds what create, run, start, kill
 * and delete use on the fast path (no picocli, no databind: ~50 ms less VM creation than "full"); "full" serves
 * every other command. Usage: Training fast|lifecycle|full DIR
 */
final class Training {
    private Training() {
    }

    public static void main(String[] args) throws IOException {
        boolean full = args[0].equals("full");
        Path dir = Path.of(args[1]);
        if (args[0].equals("lifecycle")) {
            PrintStream realOut = System.out;
            PrintStream realErr = System.err;
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            System.setOut(sink);
            System.setErr(sink);
            try {
                for (int round = 0; round < 3; round++) {
                    lifecycle(Files.createDirectories(dir), round);
                }
            } finally {
                System.setOut(realOut);
                System.setErr(realErr);
            }
            return;
        }
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
                lifecycle(dir, round);
            }
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
    }

    /**
     * The lifecycle commands for real, when this install runs as root on a host with a static busybox (the demo, CI
     * and test.sh install busybox-static first): a tiny container created, started, killed, deleted and run, so
     * the classes of create's path (validation, plan compilation, the launcher, JNA) are in the cache. Without
     * root, only the failing paths run.
     */
    private static void lifecycle(Path dir, int round) throws IOException {
        Path bundle = dir.resolve("box");
        String r = dir.resolve("lifecycle-root").toString();
        run("--root", r, "create", "--bundle", dir.resolve("missing").toString(), "t-missing");
        run("--root", r, "start", "t-missing");
        run("--root", r, "kill", "t-missing", "KILL");
        run("--root", r, "delete", "t-missing");
        Path busybox = Path.of("/bin/busybox");
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(busybox)) {
            return;
        }
        if (!Files.exists(bundle)) {
            Path bin = Files.createDirectories(bundle.resolve("rootfs/bin"));
            Files.copy(busybox, bin.resolve("busybox"));
            Files.createSymbolicLink(bin.resolve("sleep"), Path.of("busybox"));
            Files.createSymbolicLink(bin.resolve("true"), Path.of("busybox"));
            Files.writeString(bundle.resolve("config.json"), TRAINING_CONFIG);
        }
        String b = bundle.toString();
        String id = "t-" + ProcessHandle.current().pid() + "-" + round;
        run("--root", r, "create", "--bundle", b, "--pid-file", dir.resolve("pid").toString(), id);
        run("--root", r, "state", id);
        run("--root", r, "start", id);
        run("--root", r, "kill", id, "KILL");
        run("--root", r, "delete", "--force", id);
        run("--root", r, "run", "--bundle", b, id + "-run");
    }

    /**
     * The smallest container: its own namespaces, a read-only busybox root, /proc and a tmpfs /dev, with what most
     * engine configs carry (cgroup limits, runc's device rule, a seccomp filter), so that their classes are cached.
     */
    private static final String TRAINING_CONFIG = """
            {"ociVersion": "1.2.1",
             "process": {"user": {"uid": 0, "gid": 0}, "args": ["true"], "env": ["PATH=/bin"], "cwd": "/",
               "capabilities": {"bounding": ["CAP_KILL"], "effective": ["CAP_KILL"], "permitted": ["CAP_KILL"]},
               "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}], "noNewPrivileges": true},
             "root": {"path": "rootfs", "readonly": true},
             "hostname": "training",
             "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
                        {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "mode=755"]},
                        {"destination": "/dev/pts", "type": "devpts", "source": "devpts",
                         "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]}],
             "linux": {"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"},
                                      {"type": "mount"}],
                       "resources": {"devices": [{"allow": false, "access": "rwm"}], "pids": {"limit": 100},
                                     "memory": {"limit": 67108864}},
                       "seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"],
                                   "syscalls": [{"names": ["personality"], "action": "SCMP_ACT_ERRNO",
                                                 "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]}]},
                       "maskedPaths": ["/proc/kcore"], "readonlyPaths": ["/proc/sys"]}}
            """;

    private static void run(String... args) {
        Main.run(args);
    }
}
