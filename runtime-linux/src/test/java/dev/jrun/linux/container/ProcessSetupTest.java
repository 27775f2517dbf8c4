package dev.jrun.linux.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.Outcome;
import dev.jrun.linux.plan.Plan;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.PlanErrors;
import dev.jrun.linux.plan.PlanInterpreter;
import dev.jrun.linux.plan.RecordingSyscalls;
import dev.jrun.linux.plan.SimulatedArena;
import dev.jrun.linux.plan.SyscallNumbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process ops as a fake kernel sees them, with a pretend kernel whose last capability is 3 (short plans). */
class ProcessSetupTest {
    private static final int LAST_CAP = 3;

    @TempDir
    Path bundle;

    private record Run(Outcome outcome, RecordingSyscalls kernel, SimulatedArena arena) {
        List<String> calls() {
            return kernel.rendered();
        }
    }

    private PlanContext ctx(String process, boolean userNamespace, int preserveFds) throws IOException {
        Files.createDirectories(bundle.resolve("rootfs/etc"));
        Files.writeString(bundle.resolve("rootfs/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nu:x:1000:1000::/home/u:/bin/sh\n");
        Spec spec = SpecJson.parse("""
                {"ociVersion": "1.2.1", "root": {"path": "rootfs"}, "process": %s}
                """.formatted(process), "test config");
        return new PlanContext(spec, bundle, bundle.resolve("rootfs"), false, userNamespace, preserveFds);
    }

    private static Run run(PlanContext ctx, boolean exec, Consumer<RecordingSyscalls> script) {
        PlanBuilder b = new PlanBuilder();
        ProcessSetup.emitSetup(b, ctx, LAST_CAP);
        if (exec) {
            ProcessSetup.emitExec(b, ctx);
        }
        b.exit("done", 0);
        Plan plan = b.build();
        SimulatedArena arena = SimulatedArena.load(plan.arena());
        RecordingSyscalls kernel = new RecordingSyscalls(arena);
        script.accept(kernel);
        return new Run(new PlanInterpreter(kernel).run(plan, arena), kernel, arena);
    }

    @Test
    void theWholeSequenceInRuncsOrder() throws IOException {
        PlanContext ctx = ctx("""
                {"args": ["/bin/sh", "-c", "id"], "cwd": "/work", "env": ["PATH=/bin", "A=1"],
                 "noNewPrivileges": true,
                 "user": {"uid": 1000, "gid": 1000, "umask": 63, "additionalGids": [10, 20]},
                 "capabilities": {"bounding": ["CAP_CHOWN", "CAP_FOWNER"], "effective": ["CAP_CHOWN"],
                   "permitted": ["CAP_CHOWN", "CAP_FOWNER"], "inheritable": ["CAP_FOWNER"], "ambient": ["CAP_FOWNER"]}}
                """, false, 2);
        // faccessat /bin/sh: 0; openat O_DIRECTORY: ENOTDIR (a file).
        Run run = run(ctx, true, k -> k.returning(SyscallNumbers.OPENAT, Errno.ENOTDIR.negative()));

        assertEquals(new Outcome.Exited(0), run.outcome());
        // Binary arguments (gid array, capset structs) are checked below, not rendered.
        List<String> calls = run.calls().stream()
                .map(c -> c.startsWith("setgroups(2,") ? "setgroups(2, gids)" : c.startsWith("capset(") ? "capset" : c)
                .toList();
        assertEquals(List.of(
                "umask(63)",
                "prctl(38, 1)",
                "fcntl(3, 2)",
                "fcntl(4, 2)",
                "chdir(\"/work\")",
                "prctl(24, 1)", // CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH leave the bounding set
                "prctl(24, 2)",
                "prctl(8, 1)",
                "setgroups(2, gids)",
                "setresgid(1000, 1000, 1000)",
                "setresuid(1000, 1000, 1000)",
                "prctl(8)",
                "capset",
                "prctl(47, 4)",
                "prctl(47, 2, 3)",
                "faccessat(-100, \"/bin/sh\", 1)",
                "openat(-100, \"/bin/sh\", 2686976)",
                "close_range(5, 4294967295, 4)",
                "execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"id\"], [\"PATH=/bin\", \"A=1\", \"HOME=/home/u\"])"),
                calls);
        RecordingSyscalls.Call setgroups = run.kernel().calls().stream()
                .filter(c -> c.nr() == SyscallNumbers.SETGROUPS).findFirst().orElseThrow();
        assertEquals(10L | 20L << 32, run.arena().readLong(setgroups.args().get(1)));
        RecordingSyscalls.Call capset = run.kernel().calls().stream()
                .filter(c -> c.nr() == SyscallNumbers.CAPSET).findFirst().orElseThrow();
        // effective CAP_CHOWN (bit 0), permitted CHOWN+FOWNER (bits 0, 3), inheritable FOWNER
        assertEquals(1L | 9L << 32, run.arena().readLong(capset.args().get(1)));
        assertEquals(8L, run.arena().readLong(capset.args().get(1) + 8));
    }

    @Test
    void capsetDataIsThreeWordsLowThenHigh() throws IOException {
        PlanContext ctx = ctx("""
                {"args": ["/bin/true"], "cwd": "/", "user": {"uid": 0, "gid": 0},
                 "capabilities": {"effective": ["CAP_KILL", "CAP_CHECKPOINT_RESTORE"], "permitted": ["CAP_KILL"]}}
                """, false, 0);
        PlanBuilder b = new PlanBuilder();
        ProcessSetup.emitSetup(b, ctx, 40);
        b.exit("done", 0);
        Plan plan = b.build();
        SimulatedArena arena = SimulatedArena.load(plan.arena());
        RecordingSyscalls kernel = new RecordingSyscalls(arena).returning(SyscallNumbers.OPENAT, -20);
        assertEquals(new Outcome.Exited(0), new PlanInterpreter(kernel).run(plan, arena));
        RecordingSyscalls.Call capset = kernel.calls().stream().filter(c -> c.nr() == SyscallNumbers.CAPSET)
                .findFirst().orElseThrow();
        long data = capset.args().get(1);
        assertEquals(1L << 5 | (1L << 5) << 32, arena.readLong(data)); // effective, permitted (low)
        assertEquals(0L | (1L << 8) << 32, arena.readLong(data + 8)); // inheritable (low), effective (high)
        assertEquals(0L, arena.readLong(data + 16)); // permitted, inheritable (high)
        long header = capset.args().get(0);
        assertEquals(0x20080522L, arena.readLong(header));
        // Nothing in the bounding list: every capability of the kernel is dropped, each EINVAL tolerated.
        assertEquals(41, kernel.calls().stream().filter(c -> c.nr() == SyscallNumbers.PRCTL && c.args().get(0) == 24)
                .count());
    }

    @Test
    void defaultsAreUmask022AndNoGroupsAndHomeFromPasswd() throws IOException {
        PlanContext ctx = ctx("""
                {"args": ["/bin/true"], "cwd": "/", "user": {"uid": 0, "gid": 0}}
                """, false, 0);
        Run run = run(ctx, true, k -> k.returning(SyscallNumbers.OPENAT, -20));
        assertEquals(new Outcome.Exited(0), run.outcome());
        List<String> calls = run.calls();
        assertTrue(calls.contains("umask(18)"), calls.toString());
        assertTrue(calls.contains("setgroups(0, \"\")"), calls.toString());
        assertTrue(calls.getLast().endsWith("[\"HOME=/root\"])"), calls.getLast());
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("mkdirat")), "no mkdir for /");
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("prctl(38")), "no no_new_privs unless asked");
    }

    @Test
    void aRefusedCwdIsRetriedAsTheContainerUser() throws IOException {
        PlanContext ctx = ctx("""
                {"args": ["/bin/true"], "cwd": "/vol", "user": {"uid": 1000, "gid": 1000}}
                """, false, 0);
        Run run = run(ctx, false, k -> k.returning(SyscallNumbers.CHDIR, Errno.EACCES.negative(), 0)
                .returning(SyscallNumbers.OPENAT, -20));
        assertEquals(new Outcome.Exited(0), run.outcome());
        List<String> calls = run.calls();
        int uid = calls.indexOf("setresuid(1000, 1000, 1000)");
        assertEquals("chdir(\"/vol\")", calls.get(uid + 1));
        assertEquals(2, calls.stream().filter(c -> c.startsWith("chdir")).count());
    }

    @Test
    void aMissingCwdFailsWithRuncsMessage() throws IOException {
        PlanContext ctx = ctx("""
                {"args": ["/bin/true"], "cwd": "/x", "user": {"uid": 0, "gid": 0}}
                """, false, 0);
        Run run = run(ctx, false, k -> k.returning(SyscallNumbers.MKDIRAT, Errno.EROFS.negative())
                .returning(SyscallNumbers.CHDIR, Errno.ENOENT.negative()));
        assertEquals("chdir to cwd (\"/x\") set in config.json failed: ENOENT (no such file or directory)",
                PlanErrors.message(assertInstanceOf(Outcome.Failed.class, run.outcome())));
    }

    @Test
    void setgroupsMayBeDeniedInAUserNamespaceOnlyWhenNoGroupsWereAsked() throws IOException {
        PlanContext none = ctx("{\"args\": [\"/bin/true\"], \"cwd\": \"/\", \"user\": {\"uid\": 0, \"gid\": 0}}",
                true, 0);
        Run ok = run(none, false, k -> k.returning(SyscallNumbers.SETGROUPS, Errno.EPERM.negative())
                .returning(SyscallNumbers.OPENAT, -20));
        assertEquals(new Outcome.Exited(0), ok.outcome());

        PlanContext some = ctx("""
                {"args": ["/bin/true"], "cwd": "/", "user": {"uid": 0, "gid": 0, "additionalGids": [5]}}
                """, true, 0);
        Run failed = run(some, false, k -> k.returning(SyscallNumbers.SETGROUPS, Errno.EPERM.negative()));
        assertEquals("set additional groups [5] (setgroups): EPERM (operation not permitted)",
                PlanErrors.message(assertInstanceOf(Outcome.Failed.class, failed.outcome())));
    }

    @Test
    void aBareNameIsLookedUpInPathOneCandidateAtATime() throws IOException {
        PlanContext ctx = ctx("""
                {"args": ["sh"], "cwd": "/", "env": ["PATH=/usr/local/bin:/usr/bin:/bin"], "user": {"uid": 0, "gid": 0}}
                """, false, 0);
        // /usr/local/bin/sh: ENOENT; /usr/bin/sh: a directory (faccessat passes, O_DIRECTORY opens fd 7);
        // /bin/sh: a file.
        Run run = run(ctx, true, k -> k.returning(SyscallNumbers.FACCESSAT, Errno.ENOENT.negative(), 0, 0)
                .returning(SyscallNumbers.OPENAT, 7, Errno.ENOTDIR.negative())
                .returning(SyscallNumbers.EXECVE, Errno.ENOENT.negative(), Errno.EACCES.negative()));
        assertEquals(new Outcome.Exited(0), run.outcome());
        List<String> calls = run.calls();
        List<String> lookup = calls.subList(calls.indexOf("faccessat(-100, \"/usr/local/bin/sh\", 1)"), calls.size());
        assertEquals(List.of(
                "faccessat(-100, \"/usr/local/bin/sh\", 1)",
                "faccessat(-100, \"/usr/bin/sh\", 1)",
                "openat(-100, \"/usr/bin/sh\", 2686976)",
                "close(7)",
                "faccessat(-100, \"/bin/sh\", 1)",
                "openat(-100, \"/bin/sh\", 2686976)",
                "close_range(3, 4294967295, 4)",
                "execve(\"/usr/local/bin/sh\", [\"sh\"], [\"PATH=/usr/local/bin:/usr/bin:/bin\", \"HOME=/root\"])",
                "execve(\"/usr/bin/sh\", [\"sh\"], [\"PATH=/usr/local/bin:/usr/bin:/bin\", \"HOME=/root\"])",
                "execve(\"/bin/sh\", [\"sh\"], [\"PATH=/usr/local/bin:/usr/bin:/bin\", \"HOME=/root\"])"), lookup);
    }

    @Test
    void aBareNameNowhereInPathFailsInRuncsWords() throws IOException {
        PlanContext ctx = ctx("""
                {"args": ["nosuch"], "cwd": "/", "env": ["PATH=/usr/bin:/bin"], "user": {"uid": 0, "gid": 0}}
                """, false, 0);
        Run run = run(ctx, false, k -> k.returning(SyscallNumbers.FACCESSAT, Errno.ENOENT.negative(),
                Errno.EACCES.negative(), Errno.ENOENT.negative()));
        assertEquals("exec: \"nosuch\": executable file not found in $PATH: ENOENT (no such file or directory)",
                PlanErrors.message(assertInstanceOf(Outcome.Failed.class, run.outcome())));
        assertEquals("faccessat(-100, \"\")", run.calls().getLast());
    }

    @Test
    void withoutPathNothingIsFoundAsInRunc() throws IOException {
        PlanContext ctx = ctx("{\"args\": [\"sh\"], \"cwd\": \"/\", \"user\": {\"uid\": 0, \"gid\": 0}}", false, 0);
        Run run = run(ctx, false, k -> k.returning(SyscallNumbers.FACCESSAT, Errno.ENOENT.negative()));
        assertEquals("exec: \"sh\": executable file not found in $PATH",
                assertInstanceOf(Outcome.Failed.class, run.outcome()).description());
    }

    @Test
    void foundThroughARelativePathElementIsRefused() throws IOException {
        PlanContext ctx = ctx("""
                {"args": ["sh"], "cwd": "/", "env": ["PATH=.:/bin"], "user": {"uid": 0, "gid": 0}}
                """, false, 0);
        Run run = run(ctx, false, k -> k.returning(SyscallNumbers.OPENAT, -20)
                .returning(SyscallNumbers.FACCESSAT, 0, Errno.ENOENT.negative()));
        assertEquals("exec: \"sh\": cannot run executable found relative to current directory",
                assertInstanceOf(Outcome.Failed.class, run.outcome()).description());
    }

    @Test
    void aMissingPathFailsWithStatAndNoSuchFile() throws IOException {
        PlanContext ctx = ctx("{\"args\": [\"/bin/nosuch\"], \"cwd\": \"/\", \"user\": {\"uid\": 0, \"gid\": 0}}",
                false, 0);
        Run run = run(ctx, false, k -> k.returning(SyscallNumbers.FACCESSAT, Errno.ENOENT.negative()));
        assertEquals("exec: \"/bin/nosuch\": stat /bin/nosuch: ENOENT (no such file or directory)",
                PlanErrors.message(assertInstanceOf(Outcome.Failed.class, run.outcome())));
    }

    @Test
    void aPathThatIsNotExecutableOrADirectoryIsPermissionDenied() throws IOException {
        PlanContext ctx = ctx("{\"args\": [\"/etc/passwd\"], \"cwd\": \"/\", \"user\": {\"uid\": 0, \"gid\": 0}}",
                false, 0);
        Run denied = run(ctx, false, k -> k.returning(SyscallNumbers.FACCESSAT, Errno.EACCES.negative(),
                Errno.EACCES.negative()));
        assertEquals("exec: \"/etc/passwd\": EACCES (permission denied)",
                PlanErrors.message(assertInstanceOf(Outcome.Failed.class, denied.outcome())));

        PlanContext dir = ctx("{\"args\": [\"/bin\"], \"cwd\": \"/\", \"user\": {\"uid\": 0, \"gid\": 0}}", false, 0);
        Run directory = run(dir, false, k -> k.returning(SyscallNumbers.OPENAT, 9)
                .returning(SyscallNumbers.EXECVEAT, Errno.EACCES.negative()));
        assertEquals("exec: \"/bin\": EACCES (permission denied)",
                PlanErrors.message(assertInstanceOf(Outcome.Failed.class, directory.outcome())));
        assertEquals("execveat(9, \"\", \"\", \"\", 4096)", directory.calls().getLast());
    }

    @Test
    void theLastExecCandidateFailsThePlan() throws IOException {
        PlanContext ctx = ctx("""
                {"args": ["sh"], "cwd": "/", "env": ["PATH=/a:/b"], "user": {"uid": 0, "gid": 0}}
                """, false, 0);
        Run run = run(ctx, true, k -> k.returning(SyscallNumbers.OPENAT, -20)
                .returning(SyscallNumbers.EXECVE, Errno.ENOENT.negative(), Errno.ENOEXEC.negative()));
        assertEquals("exec /b/sh: ENOEXEC (exec format error)",
                PlanErrors.message(assertInstanceOf(Outcome.Failed.class, run.outcome())));
    }

    @Test
    void aMalformedEnvEntryFailsAtCompileTime() throws IOException {
        PlanContext ctx = ctx("{\"args\": [\"/bin/true\"], \"cwd\": \"/\", \"env\": [\"FOO\"]}", false, 0);
        assertEquals("invalid environment variable: \"FOO\"",
                assertThrows(JrunException.class, () -> ProcessSetup.emitSetup(new PlanBuilder(), ctx, 3)).getMessage());
    }

    @Test
    void anUnmappedUserIsRefusedBeforeTheChildRuns() throws IOException {
        Files.createDirectories(bundle.resolve("rootfs"));
        Spec spec = SpecJson.parse("""
                {"ociVersion": "1.2.1", "root": {"path": "rootfs"},
                 "process": {"args": ["/bin/true"], "cwd": "/", "user": {"uid": 70000, "gid": 0}},
                 "linux": {"namespaces": [{"type": "user"}],
                   "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
                   "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]}}
                """, "test config");
        PlanContext ctx = new PlanContext(spec, bundle, bundle.resolve("rootfs"), false, true, 0);
        assertEquals("cannot set uid to unmapped user in user namespace",
                assertThrows(JrunException.class, () -> ProcessSetup.emitSetup(new PlanBuilder(), ctx, 3)).getMessage());
    }
}
