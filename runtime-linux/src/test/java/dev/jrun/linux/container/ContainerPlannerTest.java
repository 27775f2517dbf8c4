package dev.jrun.linux.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.Outcome;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.PlanInterpreter;
import dev.jrun.linux.plan.RecordingSyscalls;
import dev.jrun.linux.plan.SimulatedArena;
import dev.jrun.linux.plan.SyscallNumbers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's shape without a kernel: which clone, which joins in which order, what the child reports. */
class ContainerPlannerTest {
    private static final ChildFds FDS = new ChildFds(10, 11, 12, 13, 14);
    private static final ChildSteps NONE = new ChildSteps() {
        @Override
        public void mounts(PlanBuilder b, PlanContext ctx) {}

        @Override
        public void pivotAndFinish(PlanBuilder b, PlanContext ctx) {}

        @Override
        public void processSetup(PlanBuilder b, PlanContext ctx) {}

        @Override
        public void exec(PlanBuilder b, PlanContext ctx) {
            b.sys("exec", SyscallNumbers.EXECVE, dev.jrun.linux.plan.Arg.imm(0));
        }
    };

    private static Spec spec(String namespaces, String extra) {
        return SpecJson.parse("""
                {"ociVersion": "1.2.1", "root": {"path": "rootfs"}, "process": {"args": ["sh"], "cwd": "/"} %s,
                 "linux": {"namespaces": [%s]}}""".formatted(extra, namespaces), "test");
    }

    private record Run(Outcome outcome, List<String> names, RecordingSyscalls kernel) {}

    /** Runs the plan as the child sees it: clone returns 0, every read gets one byte. */
    private static Run child(Spec spec) {
        Namespaces ns = Namespaces.of(spec);
        PlanContext ctx = new PlanContext(spec, Path.of("/b"), Path.of("/b/rootfs"), false, false, 0);
        ContainerPlan plan = ContainerPlanner.compile(ctx, ns, FDS, NONE);
        SimulatedArena arena = SimulatedArena.load(plan.plan().arena());
        RecordingSyscalls kernel = new RecordingSyscalls(arena).returning(SyscallNumbers.READ, 1, 1, 1, 1);
        Outcome outcome = new PlanInterpreter(kernel).run(plan.plan(), arena);
        List<String> names = kernel.calls().stream().map(c -> SyscallNumbers.name(c.nr())).toList();
        return new Run(outcome, names, kernel);
    }

    @Test
    void withNothingToJoinOneCloneCreatesEveryNamespace() {
        Run run = child(spec("{\"type\": \"pid\"}, {\"type\": \"mount\"}, {\"type\": \"network\"}", ""));
        long flags = run.kernel().calls().getFirst().args().getFirst();
        assertEquals(Namespaces.CLONE_NEWPID | Namespaces.CLONE_NEWNS | Namespaces.CLONE_NEWNET | 17, flags);
        // ALIVE, SYNC and its wait, LIMITS and its wait, READY, exec.fifo.
        assertEquals(List.of("clone", "write", "close", "close", "rt_sigprocmask", "write", "read", "write", "read",
                "write", "read", "close", "execve"), run.names());
        assertEquals(List.of(11L, 11L, 11L, 11L), run.kernel().calls().stream()
                .filter(c -> c.nr() == SyscallNumbers.WRITE).map(c -> c.args().getFirst()).toList(), "all reports on the status pipe");
    }

    @Test
    void joinsComeUserFirstThenTheInitIsClonedIntoThem() {
        Run run = child(spec("{\"type\": \"network\", \"path\": \"/n\"}, {\"type\": \"user\", \"path\": \"/u\"},"
                + " {\"type\": \"pid\"}, {\"type\": \"mount\"}", ""));
        assertEquals(17L, run.kernel().calls().getFirst().args().getFirst(), "the first clone makes no namespace");
        List<String> rendered = run.kernel().rendered();
        int user = indexOf(rendered, "\"/u\"");
        int net = indexOf(rendered, "\"/n\"");
        assertTrue(user >= 0 && net > user, rendered.toString());
        // clone (parent's), then in the child: ..., unshare(pid|mount), clone of the init.
        List<String> names = run.names();
        int unshare = names.indexOf("unshare");
        assertEquals(Namespaces.CLONE_NEWPID | Namespaces.CLONE_NEWNS,
                run.kernel().calls().get(unshare).args().getFirst());
        assertEquals("clone", names.get(unshare + 1));
    }

    @Test
    void hooksBeforePivotAddAHooksPointWithASecondWait() {
        Run without = child(spec("{\"type\": \"mount\"}", ""));
        Run with = child(spec("{\"type\": \"mount\"}", ", \"hooks\": {\"createRuntime\": [{\"path\": \"/h\"}]}"));
        assertEquals(without.names().size() + 2, with.names().size());
        assertFalse(ContainerPlanner.hasHooksBeforePivot(spec("{\"type\": \"mount\"}",
                ", \"hooks\": {\"poststart\": [{\"path\": \"/h\"}]}")));
    }

    @Test
    void aNewCgroupNamespaceIsMadeAfterSyncOnceTheParentHasMovedTheChildIntoItsCgroup() {
        Run run = child(spec("{\"type\": \"pid\"}, {\"type\": \"cgroup\"}", ""));
        assertEquals(Namespaces.CLONE_NEWPID | 17, run.kernel().calls().getFirst().args().getFirst(),
                "the clone must not make the cgroup namespace: its root would be the parent's cgroup");
        List<String> names = run.names();
        int syncWait = names.indexOf("read");
        assertEquals("unshare", names.get(syncWait + 1), names.toString());
        assertEquals(Namespaces.CLONE_NEWCGROUP, run.kernel().calls().get(syncWait + 1).args().getFirst());
    }

    @Test
    void rlimitsNeedNoExtraPointTheLimitsPointIsAlwaysThere() {
        Run without = child(spec("{\"type\": \"mount\"}", ""));
        Spec spec = SpecJson.parse("""
                {"ociVersion": "1.2.1", "root": {"path": "rootfs"}, "process": {"args": ["sh"], "cwd": "/",
                  "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 10, "soft": 10}]},
                 "linux": {"namespaces": [{"type": "mount"}]}}""", "test");
        Run with = child(spec);
        assertEquals(without.names(), with.names());
        assertTrue(ContainerPlanner.hasProcessLimits(spec));
    }

    @Test
    void aFailingOpReportsItsIndexAndErrnoThenExits() {
        Spec spec = spec("{\"type\": \"mount\"}", ", \"hostname\": \"h\"");
        Namespaces ns = Namespaces.of(spec);
        PlanContext ctx = new PlanContext(spec, Path.of("/b"), Path.of("/b/rootfs"), false, false, 0);
        ContainerPlan plan = ContainerPlanner.compile(ctx, ns, FDS, NONE);
        SimulatedArena arena = SimulatedArena.load(plan.plan().arena());
        RecordingSyscalls kernel = new RecordingSyscalls(arena).returning(SyscallNumbers.READ, 1, 1)
                .returning(SyscallNumbers.SETHOSTNAME, Errno.EPERM.negative());
        Outcome outcome = new PlanInterpreter(kernel).run(plan.plan(), arena);
        Outcome.Failed failed = (Outcome.Failed) outcome;
        assertEquals("set hostname to \"h\"", failed.description());
        List<RecordingSyscalls.Call> calls = kernel.calls();
        RecordingSyscalls.Call report = calls.get(calls.size() - 2);
        assertEquals(SyscallNumbers.WRITE, report.nr());
        long record = report.args().get(1);
        assertEquals(ChildReport.FAIL, arena.readLong(record));
        assertEquals(failed.opIndex(), arena.readLong(record + 8));
        assertEquals(Errno.EPERM.code(), arena.readLong(record + 16));
        assertEquals(SyscallNumbers.EXIT_GROUP, calls.getLast().nr());
    }

    private static int indexOf(List<String> lines, String needle) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i;
            }
        }
        return -1;
    }
}
