package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.LinuxResources;
import dev.jrun.core.state.ContainerNotFoundException;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.ContainerStatus;
import dev.jrun.core.state.StateStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status rules and texts of pause, resume, update, events, ps and kill --all, with a fake cgroup. A container
 * here is a state.json whose init is this test's JVM (alive) or pid 999999999 (never alive: stopped).
 */
class CgroupCommandsTest {
    @TempDir
    Path root;

    private final FakeCgroupManager cgroup = new FakeCgroupManager();

    private void container(String id, ContainerStatus status, boolean alive) {
        int pid = alive ? (int) ProcessHandle.current().pid() : 999_999_999;
        new StateStore(root).create(new ContainerState("1.0.2", id, pid, status, "/b", "/b/rootfs", Instant.EPOCH,
                Map.of(), "", 0));
    }

    private <T extends JrunSubcommand> T withRoot(T c) {
        c.globals = new GlobalOptions();
        c.globals.root = root.toString();
        return c;
    }

    private PauseCommand pause(String id) {
        PauseCommand c = withRoot(new PauseCommand());
        c.id = id;
        c.cgroups = cgroup.loader();
        return c;
    }

    private ResumeCommand resume(String id) {
        ResumeCommand c = withRoot(new ResumeCommand());
        c.id = id;
        c.cgroups = cgroup.loader();
        return c;
    }

    private static String failure(JrunSubcommand c) {
        return assertThrows(JrunException.class, c::call).getMessage();
    }

    @Test
    void pauseFreezesARunningOrCreatedContainerAndResumeThawsIt() throws Exception {
        container("r", ContainerStatus.RUNNING, true);
        assertEquals(0, pause("r").call());
        assertTrue(cgroup.frozen);
        assertEquals(ContainerStatus.PAUSED, CgroupFreezeProbe.resolver(root, cgroup.loader())
                .resolve(new StateStore(root).require("r")));
        assertEquals("container not running", failure(pause("r")), "pausing twice, as runc says it");
        assertEquals(0, resume("r").call());
        assertEquals(false, cgroup.frozen);
        assertEquals("container not paused", failure(resume("r")));

        container("c", ContainerStatus.CREATED, true);
        assertEquals(0, pause("c").call());
        assertTrue(cgroup.frozen);
    }

    @Test
    void stoppedOrMissingContainers() {
        container("s", ContainerStatus.RUNNING, false);
        assertEquals("container not running", failure(pause("s")));
        assertEquals("container not paused", failure(resume("s")));
        assertThrows(ContainerNotFoundException.class, () -> pause("nope").call());
        assertEquals(false, cgroup.frozen);
    }

    @Test
    void aContainerWithoutCgroupRecordIsAClearError() {
        container("r", ContainerStatus.RUNNING, true);
        PauseCommand c = pause("r");
        c.cgroups = CgroupLoader.FROM_STATE_DIR; // the real loader: there is no cgroup.json
        String message = failure(c);
        assertTrue(message.contains("container r has no cgroup: " + root.resolve("r").resolve("cgroup.json")),
                message);
    }

    private UpdateCommand update(String id) {
        UpdateCommand c = withRoot(new UpdateCommand());
        c.id = id;
        c.cgroups = cgroup.loader();
        return c;
    }

    @Test
    void updateAppliesOnlyWhatTheFlagsChange() throws Exception {
        container("r", ContainerStatus.RUNNING, true);
        UpdateCommand c = update("r");
        c.memory = "100m";
        c.pidsLimit = 20;
        assertEquals(0, c.call());
        LinuxResources applied = cgroup.applied.getFirst();
        assertEquals(100L << 20, applied.memory().limit());
        assertEquals(20L, applied.pids().limit());
        assertEquals(null, applied.cpu());
    }

    @Test
    void updateReadsTheResourcesFileAndNamesItOnBadInput() throws Exception {
        container("r", ContainerStatus.RUNNING, true);
        Path file = root.resolveSibling(root.getFileName() + "-r.json");
        try {
            Files.writeString(file, "{\"cpu\":{\"shares\":256}}");
            UpdateCommand c = update("r");
            c.resources = file.toString();
            c.memory = "1g"; // ignored, as runc ignores it next to --resources
            assertEquals(0, c.call());
            assertEquals(256L, cgroup.applied.getFirst().cpu().shares());
            assertEquals(null, cgroup.applied.getFirst().memory());

            Files.writeString(file, "{\"memory\":{\"limit\":true}}");
            assertEquals(file + ": memory.limit: expected an integer within int64, got true", failure(c));
            Files.delete(file);
            assertEquals("open " + file + ": no such file or directory (update --resources)", failure(c));
            Files.writeString(file, "{\"memory\":{\"limit\":true}}");
            assertEquals(file + ": memory.limit: expected an integer within int64, got true", failure(c));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void updateReadsTheResourcesFromStandardInput() throws Exception {
        container("r", ContainerStatus.RUNNING, true);
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("{\"memory\":{\"limit\":\"x\"}}".getBytes(
                    StandardCharsets.UTF_8)));
            UpdateCommand bad = update("r");
            bad.resources = "-";
            assertEquals("standard input: memory.limit: expected an integer within int64, got the string \"x\"",
                    failure(bad));
            System.setIn(new java.io.ByteArrayInputStream("{\"pids\":{\"limit\":-1}}".getBytes(
                    StandardCharsets.UTF_8)));
            UpdateCommand c = update("r");
            c.resources = "-";
            assertEquals(0, c.call());
            assertEquals(-1L, cgroup.applied.getFirst().pids().limit());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void updateRules() {
        container("s", ContainerStatus.RUNNING, false);
        UpdateCommand stopped = update("s");
        stopped.pidsLimit = 5;
        assertEquals("container not running", failure(stopped));
        UpdateCommand bad = update("s");
        bad.memory = "1q";
        assertEquals("invalid value for memory: invalid size: '1q'", failure(bad), "values are checked first");
        container("r", ContainerStatus.RUNNING, true);
        UpdateCommand rdt = update("r");
        rdt.l3CacheSchema = "L3:0=f";
        assertTrue(failure(rdt).startsWith("Intel RDT/CAT: l3 cache schema is not enabled"));
        UpdateCommand mba = update("r");
        mba.memBwSchema = "MB:0=50";
        assertTrue(failure(mba).startsWith("Intel RDT/MBA: memory bandwidth schema is not enabled"));
        assertEquals(List.of(), cgroup.applied);
    }

    private EventsCommand events(String id, ByteArrayOutputStream out) {
        EventsCommand c = withRoot(new EventsCommand());
        c.id = id;
        c.cgroups = cgroup.loader();
        c.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        return c;
    }

    @Test
    void eventsStatsPrintsOneLine() throws Exception {
        container("r", ContainerStatus.RUNNING, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventsCommand c = events("r", out);
        c.stats = true;
        assertEquals(0, c.call());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"type\":\"stats\",\"id\":\"r\",\"data\":{\"cpu\":"), text);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.endsWith("\"network_interfaces\":null}}\n"), text);
    }

    @Test
    void eventsRules() {
        container("s", ContainerStatus.RUNNING, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals("container with id s is not running", failure(events("s", out)));
        container("r", ContainerStatus.RUNNING, true);
        EventsCommand zero = events("r", out);
        zero.interval = "0s";
        assertEquals("duration interval must be greater than 0", failure(zero));
        EventsCommand bad = events("r", out);
        bad.interval = "1x";
        JrunException e = assertThrows(UsageException.class, bad::call);
        assertEquals("invalid value \"1x\" for flag -interval: parse error", e.getMessage());
    }

    @Test
    void eventsStreamsStatsAndOneOomEventPerKillUntilTheInitExits() throws Exception {
        // The "init" is a child of this JVM that lives two seconds; its exit (a zombie) ends the stream.
        Process init = new ProcessBuilder("sleep", "2").start();
        try {
            new StateStore(root).create(new ContainerState("1.0.2", "r", (int) init.pid(), ContainerStatus.RUNNING,
                    "/b", "/b/rootfs", Instant.EPOCH, Map.of(), "", 0));
            int[] calls = {0};
            FakeCgroupManager counting = new FakeCgroupManager() {
                @Override
                public long oomKills() {
                    return ++calls[0] >= 3 ? 2 : 0; // two kills, seen at the third look
                }
            };
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            EventsCommand c = events("r", out);
            c.cgroups = counting.loader();
            c.interval = "300ms";
            assertEquals(0, c.call());
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(2, lines.stream().filter(l -> l.equals("{\"type\":\"oom\",\"id\":\"r\"}")).count(),
                    lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("{\"type\":\"stats\",\"id\":\"r\",\"data\":")),
                    lines.toString());
            assertTrue(lines.stream().allMatch(l -> l.startsWith("{\"type\":\"stats\"") || l.startsWith(
                    "{\"type\":\"oom\"")), lines.toString());
            assertTrue(calls[0] >= 3, "polled " + calls[0] + " times");
        } finally {
            init.destroyForcibly().waitFor();
        }
    }

    private KillCommand killAll(String id) {
        KillCommand c = withRoot(new KillCommand());
        c.id = id;
        c.all = true;
        c.signal = "KILL";
        c.cgroups = cgroup.loader();
        return c;
    }

    @Test
    void killAllSignalsTheCgroupWhateverTheStatus() {
        container("r", ContainerStatus.RUNNING, true);
        assertEquals(0, killAll("r").call());
        container("s", ContainerStatus.RUNNING, false);
        assertEquals(0, killAll("s").call(), "runc 1.1.5 signals a stopped container's cgroup too");
        assertEquals(List.of(9, 9), cgroup.signals);
    }

    @Test
    void killAllOfAStoppedContainerWithoutCgroupIsANoOp() {
        container("s", ContainerStatus.RUNNING, false);
        KillCommand c = killAll("s");
        c.cgroups = stateDir -> Optional.empty();
        assertEquals(0, c.call());
        container("r", ContainerStatus.RUNNING, true);
        KillCommand live = killAll("r");
        live.cgroups = stateDir -> Optional.empty();
        assertTrue(failure(live).contains("has no cgroup"));
    }

    @Test
    void psJsonListsTheCgroupsPids() throws Exception {
        container("r", ContainerStatus.RUNNING, true);
        cgroup.pids = List.of(1934, 1940);
        PsCommand c = withRoot(new PsCommand());
        c.id = "r";
        c.format = "json";
        c.cgroups = cgroup.loader();
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, c.call());
        } finally {
            System.setOut(saved);
        }
        assertEquals("[1934,1940]\n", out.toString(StandardCharsets.UTF_8));
        c.format = "yaml";
        assertEquals("invalid format option", failure(c));
    }

    @Test
    void picocliHandsEverythingAfterThePsIdToPs() {
        PsCommand c = (PsCommand) PicocliRunner.parseOnly(new String[] {"ps", "-f", "json", "c1", "-o", "pid,comm"});
        assertEquals("ps c1 format=json args=[-o, pid,comm]", c.describe());
        PsCommand plain = (PsCommand) PicocliRunner.parseOnly(new String[] {"ps", "c1", "-f", "x"});
        assertEquals("ps c1 format=table args=[-f, x]", plain.describe());
    }

    @Test
    void psTableRunsPsAndKeepsTheCgroupsLines() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            container("r", ContainerStatus.RUNNING, true);
            cgroup.pids = List.of((int) child.pid());
            PsCommand c = withRoot(new PsCommand());
            c.id = "r";
            c.cgroups = cgroup.loader();
            c.psArgs = List.of("-o", "pid,comm");
            PrintStream saved = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                assertEquals(0, c.call());
            } finally {
                System.setOut(saved);
            }
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(2, lines.size(), lines.toString());
            assertEquals(List.of("PID", "COMMAND"), List.of(lines.get(0).trim().split("\\s+")));
            assertEquals(List.of(Long.toString(child.pid()), "sleep"), List.of(lines.get(1).trim().split("\\s+")));

            c.psArgs = List.of("--no-such-ps-flag");
            assertTrue(failure(c).startsWith("exit status 1: "), "ps's own error, as runc reports it");
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void picocliPassesADoubleDashAfterThePsIdOnToPs() {
        PsCommand c = (PsCommand) PicocliRunner.parseOnly(new String[] {"ps", "c1", "--", "-o", "pid"});
        assertEquals("ps c1 format=table args=[--, -o, pid]", c.describe());
    }
}
