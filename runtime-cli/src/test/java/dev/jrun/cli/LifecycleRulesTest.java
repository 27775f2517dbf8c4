package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.JrunException;
import dev.jrun.core.state.ContainerNotFoundException;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.ContainerStatus;
import dev.jrun.core.state.StateStore;
import dev.jrun.linux.proc.ProcfsProcessProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status rules of start, kill and delete, on state written by hand: a real process of our own (a sleep)
 * stands in for a live init, a pid that no longer exists for a stopped one. No container is needed.
 */
class LifecycleRulesTest {
    @TempDir
    Path tmp;

    private Process sleeper;

    @AfterEach
    void endSleeper() throws InterruptedException {
        if (sleeper != null) {
            sleeper.destroyForcibly();
            sleeper.waitFor();
        }
    }

    private StateStore store() {
        return new StateStore(tmp.resolve("root"));
    }

    private int livePid() throws IOException {
        sleeper = new ProcessBuilder("sleep", "60").start();
        return (int) sleeper.pid();
    }

    /** A pid that existed and is gone: a reaped child. */
    private static int deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return (int) p.pid();
    }

    private ContainerState save(String id, int pid, ContainerStatus status) {
        long start = pid > 0 && Files.exists(Path.of("/proc", Integer.toString(pid)))
                ? ProcfsProcessProbe.startTimeOf(pid) : 0;
        ContainerState s = new ContainerState("1.2.1", id, pid, status, tmp.toString(), tmp.resolve("rootfs").toString(),
                Instant.now(), null, "", start);
        return store().create(s);
    }

    private static String messageOf(Runnable r) {
        return assertThrows(JrunException.class, r::run).getMessage();
    }

    @Test
    void startRefusesAStoppedContainer() throws Exception {
        save("c1", deadPid(), ContainerStatus.CREATED);
        assertEquals("cannot start a container that has stopped", messageOf(() -> ContainerStart.start(store(), "c1")));
    }

    @Test
    void startRefusesARunningContainer() throws Exception {
        save("c1", livePid(), ContainerStatus.RUNNING);
        assertEquals("cannot start an already running container", messageOf(() -> ContainerStart.start(store(), "c1")));
    }

    @Test
    void startRefusesAContainerStillBeingCreated() {
        save("c1", 0, ContainerStatus.CREATING);
        assertEquals("cannot start a container in the creating state",
                messageOf(() -> ContainerStart.start(store(), "c1")));
    }

    @Test
    void startOfAMissingContainerSaysDoesNotExist() {
        assertThrows(ContainerNotFoundException.class, () -> ContainerStart.start(store(), "nope"));
    }

    @Test
    void killRefusesAStoppedContainer() throws Exception {
        save("c1", deadPid(), ContainerStatus.RUNNING);
        KillCommand kill = killCommand("c1", "KILL");
        assertEquals("container not running", messageOf(kill::call));
    }

    @Test
    void killNeverSignalsPidZero() {
        save("c1", 0, ContainerStatus.CREATING);
        assertEquals("container not running", messageOf(killCommand("c1", "TERM")::call));
    }

    @Test
    void killOfAMissingContainerComesBeforeABadSignal() {
        assertThrows(ContainerNotFoundException.class, () -> killCommand("nope", "FOO").call());
    }

    @Test
    @Timeout(20)
    void killSendsTheSignalToTheInit() throws Exception {
        save("c1", livePid(), ContainerStatus.RUNNING);
        assertEquals(0, killCommand("c1", "SIGUSR1").call());
        assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
        assertEquals(128 + 10, sleeper.exitValue(), "sleep dies of SIGUSR1");
    }

    @Test
    void deleteRefusesARunningContainerWithoutForce() throws Exception {
        save("c1", livePid(), ContainerStatus.RUNNING);
        assertEquals("cannot delete container c1 that is not stopped: running",
                messageOf(() -> ContainerDelete.delete(store(), "c1", false)));
        assertTrue(Files.isDirectory(tmp.resolve("root/c1")));
        assertTrue(sleeper.isAlive());
    }

    @Test
    @Timeout(30)
    void deleteForceKillsAndWaitsThenRemovesTheState() throws Exception {
        save("c1", livePid(), ContainerStatus.RUNNING);
        ContainerDelete.delete(store(), "c1", true);
        assertFalse(Files.exists(tmp.resolve("root/c1")));
        assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
        assertEquals(128 + 9, sleeper.exitValue());
    }

    @Test
    @Timeout(30)
    void deleteOfACreatedContainerKillsItAsRuncDoes() throws Exception {
        save("c1", livePid(), ContainerStatus.CREATED);
        ContainerDelete.delete(store(), "c1", false);
        assertFalse(Files.exists(tmp.resolve("root/c1")));
        assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
    }

    @Test
    void deleteOfAStoppedContainerRemovesItsStateDirectory() throws Exception {
        save("c1", deadPid(), ContainerStatus.RUNNING);
        ContainerDelete.delete(store(), "c1", false);
        assertFalse(Files.exists(tmp.resolve("root/c1")));
    }

    @Test
    void deleteOfAMissingContainerFailsUnlessForced() {
        assertThrows(ContainerNotFoundException.class, () -> ContainerDelete.delete(store(), "nope", false));
        ContainerDelete.delete(store(), "nope", true);
    }

    @Test
    void deleteRemovesADirectoryWithoutStateButStillSaysDoesNotExist() throws IOException {
        Files.createDirectories(tmp.resolve("root/half"));
        assertThrows(ContainerNotFoundException.class, () -> ContainerDelete.delete(store(), "half", false));
        assertFalse(Files.exists(tmp.resolve("root/half")));
    }

    @Test
    void deleteRunsPoststopHooksWithTheStoppedState() throws Exception {
        Path log = tmp.resolve("hooks.log");
        Path hook = tmp.resolve("hook.sh");
        Files.writeString(hook, "#!/bin/sh\necho \"$1 $(cat)\" >> " + log + "\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        save("c1", deadPid(), ContainerStatus.RUNNING);
        Files.writeString(tmp.resolve("root/c1/" + LifecycleHooks.FILE), "{\"hooks\":{\"poststop\":[{\"path\":\""
                + hook + "\",\"args\":[\"hook\",\"poststop\"]},{\"path\":\"/nonexistent\"}]}}");
        ContainerDelete.delete(store(), "c1", false);
        String logged = Files.readString(log);
        assertTrue(logged.startsWith("poststop {"), logged);
        assertTrue(logged.contains("\"status\": \"stopped\""), logged);
        assertFalse(Files.exists(tmp.resolve("root/c1")), "a failing poststop hook is only a warning");
    }

    @Test
    void keptHooksAreTheOnesStartAndDeleteRun() throws Exception {
        Path log = tmp.resolve("kept.log");
        Path hook = tmp.resolve("kept.sh");
        Files.writeString(hook, "#!/bin/sh\necho \"$1\" >> " + log + "\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        dev.jrun.core.spec.Hooks.Hook h1 = new dev.jrun.core.spec.Hooks.Hook(hook.toString(), java.util.List.of("x",
                "poststart"), null, null);
        dev.jrun.core.spec.Hooks.Hook h2 = new dev.jrun.core.spec.Hooks.Hook(hook.toString(), java.util.List.of("x",
                "poststop"), null, null);
        ContainerState s = save("c1", deadPid(), ContainerStatus.RUNNING);
        Path dir = tmp.resolve("root/c1");
        LifecycleHooks.keep(dir, new dev.jrun.core.spec.Hooks(java.util.List.of(h1), null, null, null,
                java.util.List.of(h1), java.util.List.of(h2)));
        LifecycleHooks.runAfterStart(dir, s);
        LifecycleHooks.runAtDelete(dir, s);
        assertEquals("poststart\npoststop\n", Files.readString(log), "prestart is not kept: it ran at create");
    }

    @Test
    void noHooksKeepsNoFile() {
        save("c1", 0, ContainerStatus.CREATING);
        LifecycleHooks.keep(tmp.resolve("root/c1"), new dev.jrun.core.spec.Hooks(null, null, null, null, null,
                java.util.List.of()));
        assertFalse(Files.exists(tmp.resolve("root/c1/" + LifecycleHooks.FILE)));
    }

    private KillCommand killCommand(String id, String signal) {
        KillCommand k = new KillCommand();
        k.id = id;
        k.signal = signal;
        GlobalOptions g = new GlobalOptions();
        g.root = tmp.resolve("root").toString();
        k.globals = g;
        return k;
    }
}
