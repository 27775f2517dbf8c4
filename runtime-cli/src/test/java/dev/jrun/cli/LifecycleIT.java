package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrun.core.spec.DefaultSpecs;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.fixtures.JrunProcess;
import dev.jrun.fixtures.JrunProcess.Result;
import dev.jrun.fixtures.RootOnly;
import dev.jrun.fixtures.TestBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real containers through the jrun command, as engines drive it: create, state, start, kill, delete, run. Each
 * test has its own --root, and removes only the containers it made.
 */
class LifecycleIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeEach
    void needsRoot() {
        assumeTrue(RootOnly.isRoot(), RootOnly.skipReason());
    }

    @AfterEach
    void deleteWhatWeMade() {
        if (!Files.isDirectory(root())) {
            return;
        }
        for (String id : jrun("list", "-q").stdout().lines().toList()) {
            jrun("delete", "--force", id);
        }
    }

    private Path root() {
        return tmp.resolve("root");
    }

    private Result jrun(String... args) {
        List<String> all = new ArrayList<>(List.of("--root", root().toString()));
        all.addAll(List.of(args));
        return JrunProcess.run(all.toArray(String[]::new));
    }

    private static ObjectNode config(String... args) throws IOException {
        return RunnableConfigs.running(args);
    }

    private Path bundle(String name, ObjectNode config) throws IOException {
        return TestBundle.create(tmp.resolve(name), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    }

    private JsonNode state(String id) throws IOException {
        Result r = jrun("state", id);
        assertEquals(0, r.exitCode(), r.toString());
        return JSON.readTree(r.stdout());
    }

    private String statusOf(String id) throws IOException {
        return state(id).path("status").asText();
    }

    private void awaitStatus(String id, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String now = statusOf(id);
        while (!now.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = statusOf(id);
        }
        assertEquals(expected, now, "status of " + id);
    }

    /** Exit 1 and {@code text} in the error; the text log format escapes quotes as Go's %q does. */
    private static void assertFails(Result r, String text) {
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().replace("\\\"", "\"").contains(text), "expected \"" + text + "\" in\n" + r);
    }

    @Test
    void createStartKillDelete() throws Exception {
        Path b = bundle("b", config("sleep", "100"));
        Path pidFile = tmp.resolve("init.pid");
        Result created = jrun("create", "--bundle", b.toString(), "--pid-file", pidFile.toString(), "c1");
        assertEquals(0, created.exitCode(), created.toString());
        JsonNode s = state("c1");
        assertEquals("created", s.path("status").asText());
        assertEquals(b.toRealPath().toString(), s.path("bundle").asText());
        int pid = s.path("pid").asInt();
        assertTrue(pid > 0, s.toString());
        assertEquals(Integer.toString(pid), Files.readString(pidFile), "plain decimal, no newline");

        Result started = jrun("start", "c1");
        assertEquals(0, started.exitCode(), started.toString());
        assertEquals("running", statusOf("c1"));

        Result killed = jrun("kill", "c1", "KILL");
        assertEquals(0, killed.exitCode(), killed.toString());
        awaitStatus("c1", "stopped");
        assertEquals(0, state("c1").path("pid").asInt(), "a stopped container shows pid 0, as runc does");

        Result deleted = jrun("delete", "c1");
        assertEquals(0, deleted.exitCode(), deleted.toString());
        assertFalse(Files.exists(root().resolve("c1")));
        assertFails(jrun("state", "c1"), "does not exist");
    }

    @Test
    void runPassesTheExitCodeThroughAndDeletesTheContainer() throws Exception {
        Path b = bundle("b", config("sh", "-c", "exit 7"));
        Result r = jrun("run", "--bundle", b.toString(), "r1");
        assertEquals(7, r.exitCode(), r.toString());
        assertFalse(Files.exists(root().resolve("r1")), "run deletes the container unless --keep");
    }

    @Test
    void runKeepLeavesAStoppedContainer() throws Exception {
        Path b = bundle("b", config("true"));
        Result r = jrun("run", "--keep", "--bundle", b.toString(), "k1");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("stopped", statusOf("k1"));
        assertEquals(0, jrun("delete", "k1").exitCode());
    }

    @Test
    void runInTheForegroundReportsASignalAs128PlusN() throws Exception {
        Path b = bundle("b", config("sleep", "100"));
        Process run = startJrun("run", "--bundle", b.toString(), "s1");
        try {
            awaitRunning("s1", run);
            assertEquals(0, jrun("kill", "s1", "KILL").exitCode());
            assertTrue(run.waitFor(30, TimeUnit.SECONDS), "run did not return");
            assertEquals(128 + 9, run.exitValue());
        } finally {
            run.destroyForcibly();
        }
    }

    @Test
    void runForwardsTermToTheInit() throws Exception {
        // sh as pid 1 of a pid namespace ignores signals it has no handler for, so it traps TERM.
        Path b = bundle("b", config("sh", "-c", "trap 'exit 42' TERM; while true; do sleep 0.1; done"));
        Process run = startJrun("run", "--bundle", b.toString(), "t1");
        try {
            awaitRunning("t1", run);
            Thread.sleep(300); // let sh install its trap
            run.toHandle().destroy(); // SIGTERM to jrun
            assertTrue(run.waitFor(30, TimeUnit.SECONDS), "run did not return");
            assertEquals(42, run.exitValue());
        } finally {
            run.destroyForcibly();
        }
    }

    @Test
    void runDetachReturnsWithTheContainerRunning() throws Exception {
        Path b = bundle("b", config("sleep", "100"));
        Result r = jrun("run", "-d", "--bundle", b.toString(), "d1");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("running", statusOf("d1"));
        assertEquals(0, jrun("delete", "--force", "d1").exitCode());
        assertFalse(Files.exists(root().resolve("d1")));
    }

    @Test
    void runOfABundleDirectoryNamesTheContainerAfterIt() throws Exception {
        Path b = bundle("web", config("sleep", "100"));
        assertEquals(0, jrun("run", "-d", b + "/").exitCode());
        assertEquals(0, jrun("run", "-d", b + "/").exitCode());
        assertEquals(List.of("web", "web-2"), jrun("list", "-q").stdout().lines().toList());
    }

    @Test
    void statusRulesAreRuncs() throws Exception {
        Path b = bundle("b", config("sleep", "100"));
        assertEquals(0, jrun("create", "-b", b.toString(), "c1").exitCode());
        assertEquals(0, jrun("start", "c1").exitCode());
        assertFails(jrun("start", "c1"), "cannot start an already running container");
        assertFails(jrun("delete", "c1"), "cannot delete container c1 that is not stopped: running");
        assertFails(jrun("kill", "c1", "FOO"), "unknown signal \"FOO\"");
        assertEquals(0, jrun("kill", "c1", "SIGKILL").exitCode());
        awaitStatus("c1", "stopped");
        assertFails(jrun("kill", "c1"), "container not running");
        assertFails(jrun("start", "c1"), "cannot start a container that has stopped");
        assertEquals(0, jrun("delete", "c1").exitCode());
    }

    @Test
    void deleteOfACreatedContainerKillsItAsRunc115Does() throws Exception {
        Path b = bundle("b", config("sleep", "100"));
        assertEquals(0, jrun("create", "-b", b.toString(), "c1").exitCode());
        int pid = state("c1").path("pid").asInt();
        Result r = jrun("delete", "c1");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(Files.exists(root().resolve("c1")));
        assertFalse(isOurInit(Integer.toString(pid)), "init " + pid + " survived the delete");
    }

    @Test
    void killSendsSigtermByDefault() throws Exception {
        Path b = bundle("b", config("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done"));
        assertEquals(0, jrun("run", "-d", "-b", b.toString(), "k1").exitCode());
        Thread.sleep(300); // let sh install its trap
        assertEquals(0, jrun("kill", "k1").exitCode());
        awaitStatus("k1", "stopped");
    }

    @Test
    void aFailingPoststartHookIsOnlyAWarning() throws Exception {
        ObjectNode c = config("sleep", "100");
        c.putObject("hooks").putArray("poststart").addObject().put("path", "/bin/false");
        Path b = bundle("b", c);
        assertEquals(0, jrun("create", "-b", b.toString(), "w1").exitCode());
        Result r = jrun("start", "w1");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("level=warning") && r.stderr().contains("poststart hook #0 (/bin/false)"),
                r.toString());
        assertEquals("running", statusOf("w1"));
    }

    @Test
    void aDuplicateIdIsRefusedAndTheFirstContainerStays() throws Exception {
        Path b = bundle("b", config("sleep", "100"));
        assertEquals(0, jrun("create", "-b", b.toString(), "c1").exitCode());
        assertFails(jrun("create", "-b", b.toString(), "c1"), "container with given ID already exists");
        assertEquals("created", statusOf("c1"));
    }

    @Test
    void anInvalidConfigLeavesNoStateDirectory() throws Exception {
        ObjectNode c = config("true");
        ((ObjectNode) c.get("process")).put("cwd", "relative");
        Path b = bundle("b", c);
        assertFails(jrun("create", "-b", b.toString(), "bad"), "process.cwd");
        assertFalse(Files.exists(root().resolve("bad")));
    }

    @Test
    void anUnsupportedConfigIsRefusedWithEveryPathAndLeavesNothing() throws Exception {
        Path b = TestBundle.create(tmp.resolve("b"), SpecJson.write(DefaultSpecs.standard()));
        Result r = jrun("create", "-b", b.toString(), "u1");
        assertFails(r, "unsupported configuration");
        assertTrue(r.stderr().contains("process.terminal"), r.toString());
        assertTrue(r.stderr().contains("terminals are not supported yet"), r.toString());
        assertFalse(Files.exists(root().resolve("u1")));
    }

    @Test
    void aConsoleSocketIsRefusedClearly() throws Exception {
        Path b = bundle("b", config("true"));
        assertFails(jrun("create", "-b", b.toString(), "--console-socket", tmp.resolve("s").toString(), "t1"),
                "terminals come later");
        assertFalse(Files.exists(root().resolve("t1")));
    }

    @Test
    void hooksRunInOrderWithTheStateOnStdin() throws Exception {
        Path log = tmp.resolve("hooks.log");
        Path hook = tmp.resolve("hook.sh");
        Files.writeString(hook, "#!/bin/sh\nprintf '%s %s\\n' \"$1\" \"$(tr -d '\\n')\" >> " + log + "\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        ObjectNode c = config("sleep", "100");
        ObjectNode hooks = c.putObject("hooks");
        for (String kind : List.of("prestart", "createRuntime", "createContainer", "poststart", "poststop")) {
            ObjectNode h = hooks.putArray(kind).addObject();
            h.put("path", hook.toString());
            h.putArray("args").add("hook.sh").add(kind);
        }
        // startContainer runs after pivot_root: its path resolves in the container, and it writes there.
        ObjectNode inside = hooks.putArray("startContainer").addObject();
        inside.put("path", "/bin/sh");
        inside.putArray("args").add("sh").add("-c").add("echo startContainer $(tr -d '\\n') > /start-hook.log");
        ((ObjectNode) c.get("root")).put("readonly", false);
        Path b = bundle("b", c);
        assertEquals(0, jrun("create", "-b", b.toString(), "h1").exitCode());
        Result startResult = jrun("start", "h1");
        assertEquals(0, startResult.exitCode(), startResult.toString());
        assertEquals(0, jrun("delete", "--force", "h1").exitCode());
        String started = Files.readString(b.resolve("rootfs/start-hook.log"));
        assertTrue(started.startsWith("startContainer "), started);
        assertEquals("created", JSON.readTree(started.substring("startContainer ".length())).path("status").asText());
        List<String> lines = Files.readAllLines(log);
        assertEquals(5, lines.size(), lines.toString());
        List<String> kinds = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (String line : lines) {
            int space = line.indexOf(' ');
            kinds.add(line.substring(0, space));
            statuses.add(JSON.readTree(line.substring(space + 1)).path("status").asText());
            assertEquals("h1", JSON.readTree(line.substring(space + 1)).path("id").asText());
        }
        assertEquals(List.of("prestart", "createRuntime", "createContainer", "poststart", "poststop"), kinds);
        assertEquals(List.of("creating", "creating", "creating", "running", "stopped"), statuses);
    }

    @Test
    void aFailingPrestartHookFailsCreateAndLeavesNoContainer() throws Exception {
        Path pidLog = tmp.resolve("init.pid");
        Path hook = tmp.resolve("bad.sh");
        // Records the init's pid from the state it was given, then fails.
        Files.writeString(hook, "#!/bin/sh\nsed -n 's/.*\"pid\": *\\([0-9]*\\).*/\\1/p' > " + pidLog
                + "\necho broken >&2\nexit 3\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        ObjectNode c = config("sleep", "100");
        c.putObject("hooks").putArray("prestart").addObject().put("path", hook.toString());
        Path b = bundle("b", c);
        Result r = jrun("create", "-b", b.toString(), "p1");
        assertFails(r, "error running prestart hook #0 (" + hook + "): exit status 3");
        assertTrue(r.stderr().contains("broken"), r.toString());
        assertFalse(Files.exists(root().resolve("p1")));
        String pid = Files.readString(pidLog).strip();
        assertFalse(pid.isEmpty(), "the hook saw the init's pid");
        assertFalse(Files.exists(Path.of("/proc", pid, "stat")) && isOurInit(pid), "init " + pid + " was not killed");
    }

    /** The pid may be reused by now; only a process still running our sleep counts. */
    private static boolean isOurInit(String pid) {
        try {
            return Files.readString(Path.of("/proc", pid, "cmdline")).startsWith("sleep");
        } catch (IOException e) {
            return false;
        }
    }

    /** jrun in the background, for the tests that signal it or wait on it; the flags JrunProcess uses. */
    private Process startJrun(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        String compileCommands = System.getProperty("jrun.compileCommands");
        if (compileCommands != null) {
            command.add("-XX:CompileCommandFile=" + compileCommands);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.jrun.cli.Main", "--root",
                root().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(tmp.resolve("bg.out").toFile())
                .redirectError(tmp.resolve("bg.err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    }

    /** Waits until the background jrun has made the container and it runs; says what jrun said if it did not. */
    private void awaitRunning(String id, Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Result r = jrun("state", id);
            if (r.exitCode() == 0 && JSON.readTree(r.stdout()).path("status").asText().equals("running")) {
                return;
            }
            if (!run.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + " never ran; jrun run: " + (run.isAlive() ? "still running" : "exit "
                + run.exitValue()) + "\n" + Files.readString(tmp.resolve("bg.err")));
    }
}
