package dev.jrun.linux.container;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.fixtures.RootOnly;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.SyscallNumbers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process model on its own, for real (root): clone with namespaces, ALIVE/SYNC/READY, exec.fifo, exec, failure
 * reports. The steps exec a host shell without a rootfs, so only the protocol is under test here; the container's
 * filesystem and process attributes have tests of their own.
 */
class ProcessModelTest {
    @TempDir
    Path dir;

    @BeforeEach
    void rootOnly() {
        assumeTrue(RootOnly.isRoot(), RootOnly.skipReason());
    }

    /** Steps that run {@code sh -c script} from the host, in the container's new namespaces. */
    private static ChildSteps shell(String script) {
        return new ChildSteps() {
            @Override
            public void mounts(PlanBuilder b, PlanContext ctx) {}

            @Override
            public void pivotAndFinish(PlanBuilder b, PlanContext ctx) {}

            @Override
            public void processSetup(PlanBuilder b, PlanContext ctx) {}

            @Override
            public void exec(PlanBuilder b, PlanContext ctx) {
                int path = b.arena().string("/bin/sh");
                int argv = b.arena().stringArray(List.of("sh", "-c", script));
                int envp = b.arena().stringArray(List.of("PATH=/usr/bin:/bin"));
                b.sys("exec /bin/sh", SyscallNumbers.EXECVE, addr(path), addr(argv), addr(envp));
            }
        };
    }

    private Spec spec(String namespaces) {
        return SpecJson.parse("""
                {"ociVersion": "1.2.1", "root": {"path": "rootfs"}, "hostname": "inside",
                 "process": {"args": ["sh"], "cwd": "/"},
                 "linux": {"namespaces": [%s]}}
                """.formatted(namespaces), "test config");
    }

    private CreateRequest request(Spec spec) throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        return new CreateRequest("t", dir, spec, state, false, 0);
    }

    @Test
    void theInitRunsInItsOwnNamespacesAndExecsOnlyAfterRelease() throws Exception {
        Path out = dir.resolve("out");
        CreateRequest request = request(spec("""
                {"type": "pid"}, {"type": "uts"}, {"type": "ipc"}, {"type": "network"}, {"type": "mount"}"""));
        Created created = ContainerLauncher.create(request,
                shell("echo pid=$$ host=$(hostname) > " + out), pid -> {});

        // Created: the init waits on the fifo and has run nothing of the user's yet.
        assertTrue(Files.exists(request.stateDir().resolve(ExecFifo.NAME)));
        Thread.sleep(50);
        assertTrue(Files.notExists(out));
        for (String ns : List.of("pid", "uts", "ipc", "net", "mnt")) {
            assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns", ns)),
                    Files.readSymbolicLink(Path.of("/proc", Integer.toString(created.pid()), "ns", ns)), ns);
        }

        ExecFifo.release(request.stateDir());
        assertEquals(0, ProcessControl.waitForExit(created.pid()));
        assertEquals("pid=1 host=inside\n", Files.readString(out));
        assertTrue(Files.notExists(request.stateDir().resolve(ExecFifo.NAME)));
    }

    @Test
    void theExitCodeAndASignalComeBackAsAShellShowsThem() throws Exception {
        Created exits = ContainerLauncher.create(request(spec("{\"type\": \"pid\"}")), shell("exit 7"), pid -> {});
        ExecFifo.release(dir.resolve("state"));
        assertEquals(7, ProcessControl.waitForExit(exits.pid()));

        Created killed = ContainerLauncher.create(request(spec("{\"type\": \"pid\"}")), shell("sleep 10"), pid -> {});
        ProcessControl.kill(killed.pid(), 9);
        assertEquals(137, ProcessControl.waitForExit(killed.pid()));
    }

    @Test
    void aFailingOpIsReportedByItsDescriptionAndLeavesNoProcess() throws Exception {
        ChildSteps failing = new ChildSteps() {
            @Override
            public void mounts(PlanBuilder b, PlanContext ctx) {
                int path = b.arena().string("/nonexistent-jrun-test");
                b.sys("enter /nonexistent-jrun-test", SyscallNumbers.CHDIR, addr(path));
            }

            @Override
            public void pivotAndFinish(PlanBuilder b, PlanContext ctx) {}

            @Override
            public void processSetup(PlanBuilder b, PlanContext ctx) {}

            @Override
            public void exec(PlanBuilder b, PlanContext ctx) {
                b.sys("exit", SyscallNumbers.EXIT_GROUP, imm(0));
            }
        };
        int[] childPid = {0};
        JrunException e = assertThrows(JrunException.class, () -> ContainerLauncher.create(
                request(spec("{\"type\": \"pid\"}, {\"type\": \"mount\"}")), failing, pid -> childPid[0] = pid));
        assertEquals("unable to start container process: enter /nonexistent-jrun-test: ENOENT (no such file or directory)",
                e.getMessage());
        assertTrue(childPid[0] > 0);
        assertTrue(Files.notExists(Path.of("/proc", Integer.toString(childPid[0]))), "the child was reaped");
        assertTrue(Files.notExists(dir.resolve("state").resolve(ExecFifo.NAME)));
    }

    @Test
    void joiningANamespaceByPathUsesTheTwoCloneShape() throws Exception {
        Path out = dir.resolve("out");
        String myUts = Files.readSymbolicLink(Path.of("/proc/self/ns/uts")).toString();
        Created created = ContainerLauncher.create(request(spec("""
                {"type": "pid"}, {"type": "mount"}, {"type": "network", "path": "/proc/self/ns/net"}""")),
                shell("echo pid=$$ > " + out), pid -> {});
        assertEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")),
                Files.readSymbolicLink(Path.of("/proc", Integer.toString(created.pid()), "ns", "net")));
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")),
                Files.readSymbolicLink(Path.of("/proc", Integer.toString(created.pid()), "ns", "pid")));
        ExecFifo.release(dir.resolve("state"));
        assertEquals(0, ProcessControl.waitForExit(created.pid()));
        assertEquals("pid=1\n", Files.readString(out));
        assertTrue(myUts.startsWith("uts:"));
    }

    @Test
    void aUserNamespaceGetsItsMapsAtSyncAndTheInitIsRootInside() throws Exception {
        Path out = dir.resolve("out");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Spec spec = SpecJson.parse("""
                {"ociVersion": "1.2.1", "root": {"path": "rootfs"}, "process": {"args": ["sh"], "cwd": "/"},
                 "linux": {"namespaces": [{"type": "user"}, {"type": "pid"}, {"type": "mount"}],
                   "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
                   "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]}}
                """, "test config");
        Created created = ContainerLauncher.create(request(spec),
                shell("cat /proc/self/uid_map /proc/self/gid_map > " + out + "; id -u >> " + out), pid -> {});
        // From the host the init is the mapped uid.
        String status = Files.readString(Path.of("/proc", Integer.toString(created.pid()), "status"));
        assertTrue(status.contains("\nUid:\t100000\t100000\t100000\t100000\n"), status);
        ExecFifo.release(dir.resolve("state"));
        assertEquals(0, ProcessControl.waitForExit(created.pid()));
        assertEquals(List.of("0 100000 65536", "0 100000 65536", "0"),
                Files.readAllLines(out).stream().map(l -> l.trim().replaceAll("\\s+", " ")).toList());
    }

    @Test
    void aTimeNamespaceStartsWithTheConfiguredOffsets() throws Exception {
        Path out = dir.resolve("out");
        Spec spec = SpecJson.parse("""
                {"ociVersion": "1.2.1", "root": {"path": "rootfs"}, "process": {"args": ["sh"], "cwd": "/"},
                 "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": "time"}],
                   "timeOffsets": {"monotonic": {"secs": 86400, "nanosec": 0}, "boottime": {"secs": 172800}}}}
                """, "test config");
        Created created = ContainerLauncher.create(request(spec),
                shell("cat /proc/self/timens_offsets > " + out), pid -> {});
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/time")),
                Files.readSymbolicLink(Path.of("/proc", Integer.toString(created.pid()), "ns", "time")));
        ExecFifo.release(dir.resolve("state"));
        assertEquals(0, ProcessControl.waitForExit(created.pid()));
        assertEquals(List.of("monotonic 86400 0", "boottime 172800 0"),
                Files.readAllLines(out).stream().map(l -> l.trim().replaceAll("\\s+", " ")).toList());
    }

    @Test
    void aSecondContainerJoinsTheUserAndPidNamespacesOfAFirstByPath() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Spec first = SpecJson.parse("""
                {"ociVersion": "1.2.1", "root": {"path": "rootfs"}, "process": {"args": ["sh"], "cwd": "/"},
                 "linux": {"namespaces": [{"type": "user"}, {"type": "pid"}, {"type": "mount"}],
                   "uidMappings": [{"containerID": 0, "hostID": 200000, "size": 65536}],
                   "gidMappings": [{"containerID": 0, "hostID": 200000, "size": 65536}]}}
                """, "first");
        Created a = ContainerLauncher.create(request(first), shell("sleep 30"), pid -> {});
        try {
            ExecFifo.release(dir.resolve("state"));
            String ns = "/proc/" + a.pid() + "/ns/";
            Spec second = SpecJson.parse("""
                    {"ociVersion": "1.2.1", "root": {"path": "rootfs"}, "process": {"args": ["sh"], "cwd": "/"},
                     "linux": {"namespaces": [{"type": "pid", "path": "%spid"}, {"type": "user", "path": "%suser"},
                       {"type": "mount"}]}}
                    """.formatted(ns, ns), "second");
            Path out = dir.resolve("out");
            Files.deleteIfExists(dir.resolve("state").resolve(ExecFifo.NAME));
            Files.delete(dir.resolve("state"));
            Created b = ContainerLauncher.create(request(second), shell("echo $$ $(cat /proc/self/uid_map) > " + out), pid -> {});
            for (String type : List.of("user", "pid")) {
                assertEquals(Files.readSymbolicLink(Path.of(ns + type)),
                        Files.readSymbolicLink(Path.of("/proc", Integer.toString(b.pid()), "ns", type)), type);
            }
            ExecFifo.release(dir.resolve("state"));
            assertEquals(0, ProcessControl.waitForExit(b.pid()), "the joined init is ours to reap, as subreaper");
            String[] words = Files.readString(out).trim().split("\\s+");
            assertNotEquals("1", words[0], "pid 1 of that namespace is the first container's init");
            assertEquals(List.of("0", "200000", "65536"), List.of(words).subList(1, 4), "the first container's map");
        } finally {
            ProcessControl.kill(a.pid(), 9);
            ProcessControl.waitForExit(a.pid());
        }
    }
}
