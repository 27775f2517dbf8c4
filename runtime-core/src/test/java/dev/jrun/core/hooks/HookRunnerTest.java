package dev.jrun.core.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.spec.Hooks.Hook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real hooks: small shell scripts in a temp directory. */
class HookRunnerTest {
    private static final String STATE = "{\"ociVersion\":\"1.2.1\",\"id\":\"c1\",\"status\":\"creating\",\"pid\":42}";

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Path log() {
        return dir.resolve("log");
    }

    @Test
    void theStateArrivesOnStdin() throws IOException {
        Path hook = script("h", "cat > " + log());
        new HookRunner(null).run(HookKind.PRESTART, 0, new Hook(hook.toString(), null, null, null), STATE);
        assertEquals(STATE, Files.readString(log()));
    }

    @Test
    void argsZeroIsArgvZeroNotAnArgument() throws IOException {
        Path hook = script("h", "echo \"$#:$1:$2\" > " + log());
        new HookRunner(null).run(HookKind.PRESTART, 0,
                new Hook(hook.toString(), List.of("my-argv0", "one", "two"), null, null), STATE);
        assertEquals("2:one:two\n", Files.readString(log()));
    }

    @Test
    void envReplacesTheEnvironment() throws IOException {
        Path hook = script("h", "echo \"FOO=$FOO HOME=${HOME:-unset}\" > " + log());
        new HookRunner(null).run(HookKind.POSTSTOP, 0,
                new Hook(hook.toString(), null, List.of("FOO=bar=baz"), null), STATE);
        assertEquals("FOO=bar=baz HOME=unset\n", Files.readString(log()));
    }

    @Test
    void withoutEnvTheHookInheritsJrunsEnvironment() throws IOException {
        Path hook = script("h", "echo \"PATH=$PATH\" > " + log());
        new HookRunner(null).run(HookKind.POSTSTOP, 0, new Hook(hook.toString(), null, null, null), STATE);
        assertEquals("PATH=" + System.getenv("PATH") + "\n", Files.readString(log()));
    }

    @Test
    void runsInTheGivenDirectory() throws IOException {
        Path hook = script("h", "pwd > " + log());
        Path work = Files.createDirectory(dir.resolve("bundle"));
        new HookRunner(work).run(HookKind.CREATE_RUNTIME, 0, new Hook(hook.toString(), null, null, null), STATE);
        assertEquals(work.toRealPath() + "\n", Files.readString(log()));
    }

    @Test
    @Timeout(20)
    void aHookThatNeverReadsStdinStillRuns() throws IOException {
        Path hook = script("h", "echo ran > " + log());
        // Far more than a pipe holds: the writer must not block the run.
        String big = "{\"pad\":\"" + "x".repeat(1 << 20) + "\"}";
        new HookRunner(null).run(HookKind.PRESTART, 0, new Hook(hook.toString(), null, null, null), big);
        assertEquals("ran\n", Files.readString(log()));
    }

    @Test
    void aFailingHookSaysWhichAndWhyWithItsOutput() throws IOException {
        Path hook = script("h", "echo out; echo err >&2; exit 3");
        HookException e = assertThrows(HookException.class, () -> new HookRunner(null).run(HookKind.PRESTART, 1,
                new Hook(hook.toString(), null, null, null), STATE));
        assertEquals("error running prestart hook #1 (" + hook + "): exit status 3, stdout: out, stderr: err",
                e.getMessage());
        assertEquals(HookKind.PRESTART, e.kind());
        assertEquals(1, e.index());
    }

    @Test
    @Timeout(20)
    void aHookPastItsTimeoutIsKilled() throws IOException {
        Path hook = script("h", "echo $$ > " + log() + "; exec sleep 30");
        long start = System.nanoTime();
        HookException e = assertThrows(HookException.class, () -> new HookRunner(null).run(HookKind.CREATE_RUNTIME,
                0, new Hook(hook.toString(), null, null, 1), STATE));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("error running createRuntime hook #0 (" + hook + "): hook ran past specified timeout of 1.0s"
                + " (killed)", e.getMessage());
        assertTrue(millis < 10_000, "took " + millis + " ms");
        String pid = Files.readString(log()).strip();
        assertTrue(!Files.exists(Path.of("/proc", pid)) || isZombieOrOther(pid), "hook " + pid + " still runs");
    }

    /** The pid may already be reused; what matters is that our sleep is gone. */
    private static boolean isZombieOrOther(String pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc", pid, "cmdline"));
            return !cmdline.contains("sleep");
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void aMissingHookIsAClearError() {
        HookException e = assertThrows(HookException.class, () -> new HookRunner(null).run(HookKind.POSTSTOP, 0,
                new Hook(dir.resolve("nope").toString(), null, null, null), STATE));
        assertEquals("error running poststop hook #0 (" + dir.resolve("nope") + "): fork/exec " + dir.resolve("nope")
                + ": no such file or directory", e.getMessage());
    }

    @Test
    void runAllStopsAtTheFirstFailure() throws IOException {
        Path ok = script("ok", "echo \"$1\" >> " + log());
        Path bad = script("bad", "exit 1");
        List<Hook> hooks = List.of(new Hook(ok.toString(), List.of("ok", "a"), null, null),
                new Hook(bad.toString(), null, null, null), new Hook(ok.toString(), List.of("ok", "c"), null, null));
        HookException e = assertThrows(HookException.class,
                () -> new HookRunner(null).runAll(HookKind.PRESTART, hooks, STATE));
        assertEquals(1, e.index());
        assertEquals("a\n", Files.readString(log()));
    }

    @Test
    void collectingFailuresRunsTheRest() throws IOException {
        Path ok = script("ok", "echo \"$1\" >> " + log());
        Path bad = script("bad", "exit 2");
        List<Hook> hooks = List.of(new Hook(ok.toString(), List.of("ok", "a"), null, null),
                new Hook(bad.toString(), null, null, null), new Hook(ok.toString(), List.of("ok", "c"), null, null));
        List<HookException> failures = new HookRunner(null).runAllCollectingFailures(HookKind.POSTSTOP, hooks, STATE);
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).getMessage().startsWith("error running poststop hook #1 ("), failures.toString());
        assertEquals("a\nc\n", Files.readString(log()));
    }
}
