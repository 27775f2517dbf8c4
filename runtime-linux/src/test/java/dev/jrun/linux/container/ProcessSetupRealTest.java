package dev.jrun.linux.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.fixtures.RootOnly;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.process.ProcessLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProcessSetup for real (root): the launcher runs the process ops on the host's filesystem (no rootfs steps, so the
 * root is "/"), in a new mount namespace (no pid namespace: /proc is the host's, so $$ must be a host pid), and the process reports what the kernel says of it.
 */
class ProcessSetupRealTest {
    @TempDir
    Path dir;

    @BeforeEach
    void rootOnly() throws Exception {
        assumeTrue(RootOnly.isRoot(), RootOnly.skipReason());
        // The container user (1000) writes its report here.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    /** The real process steps, without the rootfs ones. */
    private static final ChildSteps PROCESS_ONLY = new ChildSteps() {
        @Override
        public void mounts(PlanBuilder b, PlanContext ctx) {}

        @Override
        public void pivotAndFinish(PlanBuilder b, PlanContext ctx) {
            ProcessSetup.emitCreateCwd(b, ctx); // RootfsSetup does this right after pivot_root
        }

        @Override
        public void processSetup(PlanBuilder b, PlanContext ctx) {
            ProcessSetup.emitSetup(b, ctx);
        }

        @Override
        public void exec(PlanBuilder b, PlanContext ctx) {
            ProcessSetup.emitExec(b, ctx);
        }
    };

    private static final String MOUNT_NS = "\"namespaces\": [{\"type\": \"mount\"}]";

    private CreateRequest request(String process) throws Exception {
        return request(process, MOUNT_NS);
    }

    private CreateRequest request(String process, String linux) throws Exception {
        Spec spec = SpecJson.parse("""
                {"ociVersion": "1.2.1", "root": {"path": "/"}, "process": %s, "linux": {%s}}
                """.formatted(process, linux), "test config");
        Path state = Files.createDirectories(dir.resolve("state"));
        return new CreateRequest("t", dir, spec, state, false, 0);
    }

    private Map<String, String> run(String process) throws Exception {
        return run(process, MOUNT_NS);
    }

    private Map<String, String> run(String process, String linux) throws Exception {
        CreateRequest request = request(process, linux);
        Created created = ContainerLauncher.create(request, PROCESS_ONLY,
                pid -> {});
        ExecFifo.release(request.stateDir());
        assertEquals(0, ProcessControl.waitForExit(created.pid()));
        return Files.readAllLines(dir.resolve("out")).stream().filter(l -> l.contains(":"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1)
                        .trim().replaceAll("\\s+", " "), (a, b) -> a));
    }

    /** sh reports on itself ($$ is the container process), one "key: value" per line. */
    private String script() {
        Path out = dir.resolve("out");
        return "cat /proc/$$/status > " + out + "; grep -E '^Max (open files|processes|core)' /proc/$$/limits"
                + " | sed 's/  */ /g; s/^Max \\([a-z ]*[a-z]\\) /\\1: /' >> " + out
                + "; echo umask: $(umask) >> " + out + "; echo cwd: $(pwd) >> " + out
                + "; echo home: $HOME >> " + out + "; echo oom: $(cat /proc/$$/oom_score_adj) >> " + out;
    }

    @Test
    void aNonRootUserWithGroupsAmbientCapsLimitsUmaskAndCwd() throws Exception {
        Path cwd = dir.resolve("work/sub");
        Map<String, String> r = run("""
                {"args": ["sh", "-c", "%s"], "cwd": "%s", "env": ["PATH=/usr/bin:/bin", "HOME=/nowhere"],
                 "noNewPrivileges": true, "oomScoreAdj": 123,
                 "user": {"uid": 1000, "gid": 1001, "umask": 23, "additionalGids": [10, 20]},
                 "capabilities": {"bounding": ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
                   "effective": ["CAP_NET_BIND_SERVICE"], "permitted": ["CAP_KILL", "CAP_NET_BIND_SERVICE"],
                   "inheritable": ["CAP_NET_BIND_SERVICE"], "ambient": ["CAP_NET_BIND_SERVICE"]},
                 "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 321, "hard": 654},
                             {"type": "RLIMIT_CORE", "soft": 0, "hard": 0}]}
                """.formatted(script().replace("\\", "\\\\").replace("\"", "\\\""), cwd));
        assertEquals("1000 1000 1000 1000", r.get("Uid"));
        assertEquals("1001 1001 1001 1001", r.get("Gid"));
        assertEquals("10 20", r.get("Groups"));
        assertEquals("1", r.get("NoNewPrivs"));
        assertEquals("0000000000000421", r.get("CapBnd")); // CHOWN 0, KILL 5, NET_BIND_SERVICE 10
        assertEquals("0000000000000400", r.get("CapAmb"));
        assertEquals("0000000000000400", r.get("CapInh"));
        // After execve as a non-root user without file capabilities, permitted and effective are the ambient set.
        assertEquals("0000000000000400", r.get("CapPrm"));
        assertEquals("0000000000000400", r.get("CapEff"));
        assertEquals("321 654 files", r.get("open files"));
        assertEquals("0 0 bytes", r.get("core file size"));
        assertEquals("0027", r.get("umask"));
        assertEquals(cwd.toString(), r.get("cwd"));
        assertTrue(Files.isDirectory(cwd), "the missing cwd was created");
        assertEquals("/nowhere", r.get("home"));
        assertEquals("123", r.get("oom"));
    }

    @Test
    void rootGetsItsBoundingSetAndHomeFromPasswd() throws Exception {
        Map<String, String> r = run("""
                {"args": ["/bin/sh", "-c", "%s"], "cwd": "/", "env": ["PATH=/usr/bin:/bin"],
                 "user": {"uid": 0, "gid": 0},
                 "capabilities": {"bounding": ["CAP_CHOWN", "CAP_SYS_ADMIN"], "effective": ["CAP_CHOWN"],
                   "permitted": ["CAP_CHOWN"]}}
                """.formatted(script().replace("\\", "\\\\").replace("\"", "\\\"")));
        assertEquals("0 0 0 0", r.get("Uid"));
        assertEquals("", r.getOrDefault("Groups", ""));
        assertEquals("0", r.get("NoNewPrivs"));
        assertEquals("0000000000200001", r.get("CapBnd"));
        // root's execve: permitted = bounding | inheritable (the kernel's rule for uid 0), effective likewise.
        assertEquals("0000000000200001", r.get("CapEff"));
        assertEquals("0000000000000000", r.get("CapAmb"));
        assertEquals("0022", r.get("umask"));
        assertEquals("/root", r.get("home"));
    }

    @Test
    void inAUserNamespaceGroupsAreSetAndIdsAreTheContainers() throws Exception {
        Map<String, String> r = run("""
                {"args": ["sh", "-c", "%s"], "cwd": "/", "env": ["PATH=/usr/bin:/bin"],
                 "user": {"uid": 1000, "gid": 1000, "additionalGids": [5]},
                 "capabilities": {"bounding": ["CAP_KILL"], "ambient": ["CAP_KILL"], "permitted": ["CAP_KILL"],
                   "inheritable": ["CAP_KILL"], "effective": ["CAP_KILL"]}}
                """.formatted(script().replace("\\", "\\\\").replace("\"", "\\\"")), """
                "namespaces": [{"type": "user"}, {"type": "mount"}],
                "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
                "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]""");
        // Read from inside, /proc shows the container's ids.
        assertEquals("1000 1000 1000 1000", r.get("Uid"));
        assertEquals("5", r.get("Groups"));
        assertEquals("0000000000000020", r.get("CapBnd"));
        assertEquals("0000000000000020", r.get("CapAmb"));
        assertEquals("0000000000000020", r.get("CapEff"));
        assertEquals(dev.jrun.linux.process.HomeDirectory.inRootfs(Path.of("/"), 1000), r.get("home"));
    }

    @Test
    void aMissingExecutableFailsAtCreateAndLeavesNothingBehind() throws Exception {
        for (String[] c : List.of(
                new String[] {"nosuch-jrun-test", "exec: \"nosuch-jrun-test\": executable file not found in $PATH"},
                new String[] {"/nonexistent/jrun-test", "no such file or directory"})) {
            CreateRequest request = request("""
                    {"args": ["%s"], "cwd": "/", "env": ["PATH=/usr/bin:/bin"], "user": {"uid": 0, "gid": 0}}
                    """.formatted(c[0]));
            int[] child = {0};
            JrunException e = assertThrows(JrunException.class,
                    () -> ContainerLauncher.create(request, PROCESS_ONLY, pid -> child[0] = pid));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertTrue(child[0] > 0);
            assertTrue(Files.notExists(Path.of("/proc", Integer.toString(child[0]))), "the child was reaped");
            assertTrue(Files.notExists(request.stateDir().resolve(ExecFifo.NAME)));
            Files.delete(request.stateDir());
        }
    }
}
