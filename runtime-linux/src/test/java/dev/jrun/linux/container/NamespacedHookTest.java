package dev.jrun.linux.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.Hooks;
import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.fixtures.RootOnly;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.SyscallNumbers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks run in a created container's namespaces, for real (root), and the HOOKS point of a create. */
class NamespacedHookTest {
    @TempDir
    Path dir;
    private Created created;

    @BeforeEach
    void rootOnly() {
        assumeTrue(RootOnly.isRoot(), RootOnly.skipReason());
    }

    @AfterEach
    void killOurContainer() {
        if (created != null) {
            dev.jrun.linux.kernel.Kernel.kill(created.pid(), 9);
            dev.jrun.linux.kernel.Kernel.waitpid(created.pid(), false);
        }
    }

    private static final ChildSteps WAIT_ONLY = new ChildSteps() {
        @Override
        public void mounts(PlanBuilder b, PlanContext ctx) {}

        @Override
        public void pivotAndFinish(PlanBuilder b, PlanContext ctx) {}

        @Override
        public void processSetup(PlanBuilder b, PlanContext ctx) {}

        @Override
        public void exec(PlanBuilder b, PlanContext ctx) {
            b.sys("exit", SyscallNumbers.EXIT_GROUP, dev.jrun.linux.plan.Arg.imm(0));
        }
    };

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Spec spec(String hooks) {
        return SpecJson.parse("""
                {"ociVersion": "1.2.1", "root": {"path": "rootfs"}, "hostname": "hooked",
                 "process": {"args": ["sh"], "cwd": "/"}, "hooks": {%s},
                 "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": "uts"}, {"type": "network"}]}}
                """.formatted(hooks), "test config");
    }

    private Created create(Spec spec, ContainerLauncher.HookPoint point) throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        created = ContainerLauncher.create(new CreateRequest("t", dir, spec, state, false, 0), WAIT_ONLY, pid -> {},
                point);
        return created;
    }

    @Test
    void aHookRunsInTheContainersNamespacesWithTheStateOnStdin() throws Exception {
        Path out = dir.resolve("out");
        Path hook = script("hook", "hostname > " + out + "; readlink /proc/self/ns/net >> " + out
                + "; cat >> " + out + "; echo \"$0 $1 $FOO\" >> " + out);
        Created c = create(spec(""), pid -> {});
        NamespacedHook.run("startContainer", 0, new Hooks.Hook(hook.toString(), List.of("argv0", "one"),
                List.of("FOO=bar"), null), c.pid(), "{\"id\":\"t\"}\n".getBytes(StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(out);
        assertEquals("hooked", lines.get(0));
        assertEquals(Files.readSymbolicLink(Path.of("/proc", Integer.toString(c.pid()), "ns", "net")).toString(),
                lines.get(1));
        assertEquals("{\"id\":\"t\"}", lines.get(2));
        assertEquals(hook + " one bar", lines.get(3), "$0 is the script path the kernel passes to sh");
    }

    @Test
    void aFailingHookSaysSoWithItsOutput() throws Exception {
        Path hook = script("fails", "echo out; echo err >&2; exit 3");
        Created c = create(spec(""), pid -> {});
        JrunException e = assertThrows(JrunException.class, () -> NamespacedHook.run("startContainer", 1,
                new Hooks.Hook(hook.toString(), null, null, null), c.pid(), new byte[0]));
        assertEquals("error running startContainer hook #1: exit status 3, stdout: out\n, stderr: err\n", e.getMessage());
    }

    @Test
    void aHookPastItsTimeoutIsKilled() throws Exception {
        Path hook = script("slow", "exec sleep 30");
        Created c = create(spec(""), pid -> {});
        long start = System.nanoTime();
        JrunException e = assertThrows(JrunException.class, () -> NamespacedHook.run("startContainer", 0,
                new Hooks.Hook(hook.toString(), null, null, 1), c.pid(), new byte[0]));
        assertEquals("error running startContainer hook #0: hook ran past specified timeout of 1.0s", e.getMessage());
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "not waited for the 30 s sleep");
    }

    @Test
    void aMissingHookBinaryIsAClearError() throws Exception {
        Created c = create(spec(""), pid -> {});
        JrunException e = assertThrows(JrunException.class, () -> NamespacedHook.run("startContainer", 0,
                new Hooks.Hook(dir.resolve("nope").toString(), null, null, null), c.pid(), new byte[0]));
        assertEquals("error running startContainer hook #0: exec " + dir.resolve("nope")
                + ": ENOENT (no such file or directory)", e.getMessage());
    }

    @Test
    void createStopsAtTheHooksPointWithTheInitWaiting() throws Exception {
        Path out = dir.resolve("out");
        Path hook = script("cc", "hostname > " + out);
        Spec spec = spec("\"createContainer\": [{\"path\": \"" + hook + "\"}]");
        int[] seen = {0};
        Created c = create(spec, pid -> {
            seen[0] = pid;
            NamespacedHook.run("createContainer", 0, spec.hooks().createContainer().getFirst(), pid, new byte[0]);
        });
        assertEquals(c.pid(), seen[0]);
        assertEquals("hooked\n", Files.readString(out));
    }
}
