package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jrun.core.spec.DefaultSpecs;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.ContainerStatus;
import dev.jrun.core.state.StateStore;
import dev.jrun.fixtures.JrunProcess;
import dev.jrun.fixtures.JrunProcess.Result;
import dev.jrun.linux.proc.ProcfsProcessProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The jrun command run for real, in its own JVM, as engines and people run it. */
class CliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private String root() {
        return tmp.resolve("root").toString();
    }

    @Test
    void versionHasTheShapeGoRuncParses() {
        Result r = JrunProcess.run("--version");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.get(0).matches("jrun version \\S+"), r.stdout());
        assertTrue(lines.get(1).matches("commit: \\S+"), r.stdout());
        assertTrue(lines.get(2).matches("spec: 1\\.2\\.\\d+"), r.stdout());
        assertEquals(r.stdout(), JrunProcess.run("version").stdout());
        assertEquals(r.stdout(), JrunProcess.run("-v").stdout());
    }

    @Test
    void specWritesRuncsDefaultAndNeverOverwrites() throws IOException {
        Result r = JrunProcess.runIn(tmp, "spec");
        assertEquals(0, r.exitCode(), r.toString());
        Path config = tmp.resolve("config.json");
        String written = Files.readString(config);
        assertEquals(SpecJson.write(DefaultSpecs.standard()), written);
        assertEquals("jrun", SpecJson.read(config).hostname());

        Files.writeString(config, "{\"mine\": true}");
        Result again = JrunProcess.runIn(tmp, "spec");
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.stderr().contains("exists"), again.toString());
        assertEquals("{\"mine\": true}", Files.readString(config), "spec must not touch an existing config.json");
    }

    @Test
    void specRootlessMapsTheCallersIds() throws IOException {
        Path bundle = Files.createDirectories(tmp.resolve("b"));
        Result r = JrunProcess.run("spec", "--rootless", "--bundle", bundle.toString());
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode config = JSON.readTree(bundle.resolve("config.json").toFile());
        long uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        assertEquals(uid, config.at("/linux/uidMappings/0/hostID").asLong());
        assertEquals(0, config.at("/linux/uidMappings/0/containerID").asLong());
        assertTrue(config.at("/linux/namespaces").toString().contains("\"user\""), config.toString());
    }

    @Test
    void featuresIsTruthfulJson() throws IOException {
        Result r = JrunProcess.run("features");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode f = JSON.readTree(r.stdout());
        assertEquals("1.0.0", f.get("ociVersionMin").asText());
        assertEquals("1.2.1", f.get("ociVersionMax").asText());
        // What runs, and nothing that does not: no systemd cgroup driver, no notify action yet.
        assertEquals(8, f.at("/linux/namespaces").size());
        assertEquals(6, f.at("/hooks").size());
        assertTrue(f.at("/linux/seccomp/enabled").asBoolean(false));
        assertEquals(8, f.at("/linux/seccomp/actions").size(), "every action but SCMP_ACT_NOTIFY");
        assertTrue(f.at("/linux/cgroup/v1").asBoolean(false));
        assertTrue(f.at("/linux/cgroup/v2").asBoolean(false));
        assertFalse(f.at("/linux/cgroup/systemd").asBoolean(true));
    }

    @Test
    void stateOfAnUnknownContainerSaysDoesNotExist() {
        Result r = JrunProcess.run("--root", root(), "state", "ghost");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().matches("(?s)time=\"[^\"]+\" level=error msg=\".*does not exist.*\"\n"), r.toString());
        assertEquals("", r.stdout());
    }

    @Test
    void jsonLogLinesAreJsonWithLevelMsgTime() throws IOException {
        Path log = tmp.resolve("log.json");
        Result r = JrunProcess.run("--root", root(), "--log", log.toString(), "--log-format", "json", "state", "ghost");
        assertEquals(1, r.exitCode(), r.toString());
        // With --log the entry goes to the file and the bare message to stderr, as runc does.
        assertTrue(r.stderr().contains("does not exist"), r.toString());
        Result again = JrunProcess.run("--root", root(), "--log=" + log, "--log-format=json", "state", "ghost2");
        assertEquals(1, again.exitCode());
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size(), lines.toString());
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertEquals("error", entry.get("level").asText());
            assertTrue(entry.get("msg").asText().contains("does not exist"), line);
            OffsetDateTime.parse(entry.get("time").asText()); // RFC 3339
            assertEquals(List.of("level", "msg", "time"), iterator(entry));
        }
    }

    private static List<String> iterator(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void stateAndListShowRealStatusesFromTheInitProcess() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            int pid = (int) sleeper.pid();
            StateStore store = new StateStore(Path.of(root()));
            store.create(new ContainerState("1.2.1", "alive", pid, ContainerStatus.CREATED, "/b/alive",
                    "/b/alive/rootfs", Instant.parse("2026-12-02T14:01:19.065313532Z"), Map.of("k", "v"), "",
                    ProcfsProcessProbe.startTimeOf(pid)));
            // The same pid with another start time is a reused pid: that container is stopped.
            store.create(new ContainerState("1.2.1", "reused", pid, ContainerStatus.RUNNING, "/b/reused",
                    "/b/reused/rootfs", Instant.now(), null, "", ProcfsProcessProbe.startTimeOf(pid) + 1));

            Result state = JrunProcess.run("--root", root(), "state", "alive");
            assertEquals(0, state.exitCode(), state.toString());
            JsonNode s = JSON.readTree(state.stdout());
            assertEquals(List.of("ociVersion", "id", "pid", "status", "bundle", "rootfs", "created", "annotations",
                    "owner"), iterator(s));
            assertEquals("created", s.get("status").asText());
            assertEquals(pid, s.get("pid").asInt());
            assertEquals("/b/alive", s.get("bundle").asText());
            assertEquals("2026-12-02T14:01:19.065313532Z", s.get("created").asText());
            assertEquals("stopped", JSON.readTree(JrunProcess.run("--root", root(), "state", "reused").stdout())
                    .get("status").asText());

            Result table = JrunProcess.run("--root", root(), "list");
            assertEquals(0, table.exitCode(), table.toString());
            List<String> rows = table.stdout().lines().toList();
            assertTrue(rows.get(0).matches("ID {10}PID {9}STATUS {6}BUNDLE {6}CREATED {26}OWNER"), rows.get(0));
            assertTrue(rows.get(1).matches("alive {7}" + pid + " +created {5}/b/alive {4}2026-12-02T14:01:19"
                    + "\\.065313532Z {3}\\S+"), rows.get(1));
            assertTrue(rows.get(2).startsWith("reused") && rows.get(2).contains(" stopped "), rows.get(2));

            JsonNode list = JSON.readTree(JrunProcess.run("--root", root(), "list", "--format", "json").stdout());
            assertEquals(2, list.size());
            assertEquals("alive", list.get(0).get("id").asText());
            assertEquals("stopped", list.get(1).get("status").asText());
            assertEquals("alive\nreused\n", JrunProcess.run("--root", root(), "list", "-q").stdout());

            sleeper.destroy();
            sleeper.waitFor(10, TimeUnit.SECONDS);
            assertEquals("stopped", JSON.readTree(JrunProcess.run("--root", root(), "state", "alive").stdout())
                    .get("status").asText());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void listOfAnEmptyOrMissingRootIsEmpty() {
        assertEquals("null\n", JrunProcess.run("--root", root(), "list", "--format", "json").stdout());
        Result table = JrunProcess.run("--root", root(), "list");
        assertEquals(0, table.exitCode(), table.toString());
        assertEquals("ID          PID         STATUS      BUNDLE      CREATED     OWNER\n", table.stdout());
    }

    @Test
    void listSurvivesACorruptEntry() throws IOException {
        StateStore store = new StateStore(Path.of(root()));
        store.create(new ContainerState("1.2.1", "good", 0, ContainerStatus.STOPPED, "/b", "/b/rootfs",
                Instant.now(), null, "", 0));
        Files.createDirectories(Path.of(root(), "broken"));
        Files.writeString(Path.of(root(), "broken", "state.json"), "{\"ociVersion\": \"1.2.1\", \"id\": \"bro");
        Files.createDirectories(Path.of(root(), "empty"));
        Result r = JrunProcess.run("--root", root(), "list", "-q");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("good\n", r.stdout());
        assertTrue(r.stderr().contains("broken") && r.stderr().contains("empty"), r.toString());
        assertTrue(r.stderr().contains("level=warning"), r.toString());
    }

    @Test
    void validateSaysOkOrListsEveryProblemWithItsPath() throws IOException {
        Path bundle = Files.createDirectories(tmp.resolve("bundle"));
        Files.createDirectories(bundle.resolve("rootfs"));
        assertEquals(0, JrunProcess.run("spec", "-b", bundle.toString()).exitCode());
        // runc's default config is valid, but asks for a terminal, which create refuses until terminals exist.
        Result refused = JrunProcess.run("validate", "--bundle", bundle.toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        List<String> lines = refused.stdout().lines().toList();
        assertTrue(lines.getFirst().endsWith("config.json: 1 field jrun cannot run yet (create refuses it)"),
                refused.toString());
        assertEquals(List.of("process.terminal"),
                lines.subList(1, 2).stream().map(l -> l.substring(0, l.indexOf(':'))).toList());
        String runnable = Files.readString(bundle.resolve("config.json"))
                .replace("\"terminal\": true", "\"terminal\": false");
        Files.writeString(bundle.resolve("config.json"), runnable);
        Result ok = JrunProcess.run("validate", "--bundle", bundle.toString());
        assertEquals(0, ok.exitCode(), ok + "\n" + runnable);
        assertEquals("ok\n", ok.stdout());

        String config = Files.readString(bundle.resolve("config.json"))
                .replace("\"RLIMIT_NOFILE\"", "\"RLIMIT_FOO\"")
                .replace("{\n\t\t\t\t\"type\": \"pid\"\n", "{\n\t\t\t\t\"type\": \"pidx\"\n");
        Files.writeString(bundle.resolve("config.json"), config);
        Files.delete(bundle.resolve("rootfs"));
        Result bad = JrunProcess.runIn(bundle, "validate");
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.stdout().contains("process.rlimits[0].type: \"RLIMIT_FOO\""), bad.toString());
        assertTrue(bad.stdout().contains("linux.namespaces[0].type: \"pidx\""), bad.toString());
        assertTrue(bad.stdout().contains("root.path"), bad.toString());
        assertTrue(bad.stdout().lines().findFirst().orElseThrow().endsWith("3 problems"), bad.toString());
    }

    @Test
    void validateOfAMissingBundleNamesTheFile() {
        Result r = JrunProcess.run("validate", "--bundle", tmp.resolve("nowhere").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue((r.stdout() + r.stderr()).contains("config.json"), r.toString());
    }

    /** Every runc global flag, in runc's position (before the command), in both spellings. */
    @ParameterizedTest
    @ValueSource(strings = {
        "--debug list", "--log LOG list", "--log=LOG list", "--log-format json list", "--log-format=text list",
        "--root ROOT list", "--root=ROOT list", "--systemd-cgroup list", "--rootless true list",
        "--rootless=auto list", "--criu /usr/sbin/criu list", "--criu=criu list", "-root ROOT list",
        "-log LOG -log-format json list", "--help", "-h", "--version", "-v", "help", "--debug features",
        "--log LOG --log-format json --root ROOT --debug --systemd-cgroup --rootless false --criu c state-missing",
    })
    void everyGlobalFlagIsAccepted(String line) {
        String[] args = line.replace("LOG", tmp.resolve("log").toString()).replace("ROOT", root())
                .replace("state-missing", "list").split(" ");
        Result r = JrunProcess.run(args);
        assertEquals(0, r.exitCode(), line + "\n" + r);
    }

    @Test
    void usageErrorsExitLikeRunc() {
        Result flag = JrunProcess.run("--bogus", "list");
        assertEquals(1, flag.exitCode(), flag.toString());
        assertTrue(flag.stderr().contains("--bogus"), flag.toString());
        Result command = JrunProcess.run("bogus");
        assertEquals(3, command.exitCode(), command.toString());
        assertTrue(command.stderr().contains("unknown command 'bogus'"), command.toString());
        Result format = JrunProcess.run("--log-format", "xml", "list");
        assertEquals(1, format.exitCode(), format.toString());
        assertTrue(format.stderr().contains("xml"), format.toString());
        Result missing = JrunProcess.run("state");
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.stderr().contains("<container-id>"), missing.toString());
        Result badId = JrunProcess.run("--root", root(), "state", "../etc");
        assertEquals(1, badId.exitCode(), badId.toString());
        assertTrue(badId.stderr().contains("invalid container ID format"), badId.toString());
    }

    /** DESIGN.md §2: the fast commands must not pay for jackson, logback, JNA or picocli. */
    @ParameterizedTest
    @ValueSource(strings = {"--version", "state", "list", "list --format json"})
    void fastCommandsLoadNoHeavyLibrary(String command) throws IOException {
        StateStore store = new StateStore(Path.of(root()));
        store.create(new ContainerState("1.2.1", "c", 0, ContainerStatus.STOPPED, "/b", "/b/rootfs", Instant.now(),
                null, "", 0));
        String[] args = command.equals("state") ? new String[] {"--root", root(), "state", "c"}
                : ("--root " + root() + " " + command).split(" ");
        Result r = JrunProcess.run(null, List.of("-Xlog:class+load=info:file=" + tmp.resolve("classes.txt")), args);
        assertEquals(0, r.exitCode(), r.toString());
        String loaded = Files.readString(tmp.resolve("classes.txt"));
        assertTrue(loaded.contains("dev.jrun.cli.Main"), "class logging works");
        for (String heavy : List.of("com.fasterxml.jackson.", "ch.qos.logback.", "com.sun.jna.", "picocli.")) {
            assertFalse(loaded.contains(" " + heavy), command + " loaded " + heavy);
        }
    }

    /** The lifecycle commands take the fast path too: delete of a stopped container loads neither picocli nor jackson. */
    @Test
    void deleteTakesTheFastPath() throws IOException {
        StateStore store = new StateStore(Path.of(root()));
        store.create(new ContainerState("1.2.1", "gone", 0, ContainerStatus.STOPPED, "/b", "/b/rootfs", Instant.now(),
                null, "", 0));
        Result r = JrunProcess.run(null, List.of("-Xlog:class+load=info:file=" + tmp.resolve("classes.txt")),
                "--root", root(), "delete", "gone");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(Files.exists(Path.of(root(), "gone")));
        String loaded = Files.readString(tmp.resolve("classes.txt"));
        assertTrue(loaded.contains("dev.jrun.cli.DeleteCommand"), "class logging works");
        for (String heavy : List.of("com.fasterxml.jackson.", "ch.qos.logback.", "picocli.")) {
            assertFalse(loaded.contains(" " + heavy), "delete loaded " + heavy);
        }
    }

    @Test
    void aLogInAMissingDirectoryIsAnErrorAndCreatesNothing() {
        Path missing = tmp.resolve("no-such-dir");
        for (String command : List.of("list", "features")) {
            Result r = JrunProcess.run("--root", root(), "--log", missing.resolve("log.json").toString(), command);
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.stderr().contains("no such file or directory"), r.toString());
            assertEquals("", r.stdout(), command + " must not run");
            assertFalse(Files.exists(missing), "jrun created " + missing);
        }
    }

    @Test
    void debugLogsTheCommandLineToTheLogFile() throws IOException {
        Path log = tmp.resolve("debug.json");
        Result r = JrunProcess.run("--debug", "--log", log.toString(), "--log-format", "json", "--root", root(), "list");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode entry = JSON.readTree(Files.readAllLines(log).get(0));
        assertEquals("debug", entry.get("level").asText());
        assertTrue(entry.get("msg").asText().contains("list"), entry.toString());
        Result quiet = JrunProcess.run("--log", tmp.resolve("quiet.json").toString(), "--root", root(), "list");
        assertEquals(0, quiet.exitCode());
        assertFalse(Files.exists(tmp.resolve("quiet.json")) && Files.size(tmp.resolve("quiet.json")) > 0,
                "without --debug a successful command logs nothing");
    }
}
