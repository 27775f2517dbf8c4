package dev.jrun.linux.plan;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanInterpreterTest {
    private static final long AT_FDCWD = MkdirAll.AT_FDCWD;

    private static void mkdirAll(PlanBuilder b, String path) {
        MkdirAll.emit(b, path, 0755);
    }

    private record Run(Outcome outcome, RecordingSyscalls kernel, SimulatedArena arena) {}

    private static Run run(Plan plan, java.util.function.Consumer<RecordingSyscalls> script) {
        SimulatedArena arena = SimulatedArena.load(plan.arena());
        RecordingSyscalls kernel = new RecordingSyscalls(arena);
        script.accept(kernel);
        return new Run(new PlanInterpreter(kernel).run(plan, arena), kernel, arena);
    }

    @Test
    void mkdirsPathComponentByComponentWithExistingOnesExpected() {
        PlanBuilder b = new PlanBuilder();
        mkdirAll(b, "/run/a/b");
        b.exit("done", 0);
        Plan plan = b.build();

        Run run = run(plan, k -> k.returning(SyscallNumbers.MKDIRAT, Errno.EEXIST.negative()));

        assertEquals(new Outcome.Exited(0), run.outcome());
        assertEquals(List.of(
                        "mkdirat(-100, \"/run\", 493)",
                        "mkdirat(-100, \"/run/a\", 493)",
                        "mkdirat(-100, \"/run/a/b\", 493)"),
                run.kernel().rendered());
        assertEquals(List.of(-17L, 0L, 0L), run.kernel().calls().stream().map(RecordingSyscalls.Call::result).toList());
    }

    @Test
    void anErrnoThatIsNotExpectedStillFails() {
        PlanBuilder b = new PlanBuilder();
        mkdirAll(b, "/run/a/b");
        b.exit("done", 0);

        Run run = run(b.build(), k -> k.onNthCall(2, Errno.ENOTDIR.negative()));

        assertEquals(new Outcome.Failed(1, 20, "mkdir /run/a"), run.outcome());
        assertEquals("mkdir /run/a: ENOTDIR (not a directory)", PlanErrors.message((Outcome.Failed) run.outcome()));
        assertEquals(2, run.kernel().calls().size());
    }

    @Test
    void readRetriesOnEintrThroughAJump() {
        PlanBuilder b = new PlanBuilder();
        int buf = b.arena().slot();
        Arg.Reg n = b.register();
        Label retry = b.label("retry");
        b.bind(retry);
        b.sys("wait for start on exec.fifo", SyscallNumbers.READ, imm(5), addr(buf), imm(1))
                .into(n)
                .expecting(Errno.EINTR);
        b.jumpIf("retry the read if interrupted", n, Condition.EQ, Errno.EINTR.negative(), retry);
        b.exit("started", 0);
        Plan plan = b.build();

        Run run = run(plan, k -> k.returning(SyscallNumbers.READ, -4, -4, 1));

        assertEquals(new Outcome.Exited(0), run.outcome());
        List<RecordingSyscalls.Call> calls = run.kernel().calls();
        assertEquals(3, calls.size());
        for (RecordingSyscalls.Call call : calls) {
            assertEquals(SyscallNumbers.READ, call.nr());
            assertEquals(List.of(5L, SimulatedArena.DEFAULT_BASE + buf, 1L, 0L, 0L, 0L), call.args());
        }
    }

    @Test
    void anUnexpectedErrnoInTheLoopFailsAtTheRead() {
        PlanBuilder b = new PlanBuilder();
        int buf = b.arena().slot();
        Arg.Reg n = b.register();
        Label retry = b.label("retry");
        b.bind(retry);
        b.sys("wait for start on exec.fifo", SyscallNumbers.READ, imm(5), addr(buf), imm(1)).into(n).expecting(Errno.EINTR);
        b.jumpIf("retry", n, Condition.EQ, -4, retry);
        b.exit("started", 0);

        Run run = run(b.build(), k -> k.returning(SyscallNumbers.READ, -4, -11));

        assertEquals(new Outcome.Failed(0, 11, "wait for start on exec.fifo"), run.outcome());
        assertEquals("wait for start on exec.fifo: EAGAIN (resource temporarily unavailable)",
                PlanErrors.message((Outcome.Failed) run.outcome()));
    }

    @Test
    void thirdCallFailingWithEpermFailsThatOpWithItsDescription() {
        PlanBuilder b = new PlanBuilder();
        int hostname = b.arena().string("box");
        int proc = b.arena().string("proc");
        int procDir = b.arena().string("/proc");
        int rootfs = b.arena().string(".");
        b.sys("set hostname to box", SyscallNumbers.SETHOSTNAME, addr(hostname), imm(3));
        b.sys("mkdir /proc", SyscallNumbers.MKDIRAT, imm(AT_FDCWD), addr(procDir), imm(0555)).expecting(Errno.EEXIST);
        b.sys("mount proc on /proc", SyscallNumbers.MOUNT, addr(proc), addr(procDir), addr(proc), imm(0), imm(0));
        b.sys("pivot_root into rootfs", SyscallNumbers.PIVOT_ROOT, addr(rootfs), addr(rootfs));
        b.exit("done", 0);

        Run run = run(b.build(), k -> k.onNthCall(3, Errno.EPERM.negative()));

        assertEquals(new Outcome.Failed(2, 1, "mount proc on /proc"), run.outcome());
        assertEquals("mount proc on /proc: EPERM (operation not permitted)",
                PlanErrors.message((Outcome.Failed) run.outcome()));
        assertEquals(List.of(
                        "sethostname(\"box\", 3)",
                        "mkdirat(-100, \"/proc\", 365)",
                        "mount(\"proc\", \"/proc\", \"proc\")"),
                run.kernel().rendered(), "pivot_root is never reached");
    }

    @Test
    void storedRegisterIsReadBackFromTheArenaAndRegistersFeedArguments() {
        PlanBuilder b = new PlanBuilder();
        int slot = b.arena().slot();
        Arg.Reg pid = b.register();
        b.sys("get pid", SyscallNumbers.GETPID).into(pid);
        b.store("keep pid for the parent", pid, slot);
        b.sys("report pid", SyscallNumbers.WRITE, imm(7), addr(slot), imm(8));
        b.sys("signal self", SyscallNumbers.KILL, pid, imm(10));
        b.exit("done", 0);

        Run run = run(b.build(), k -> k.returning(SyscallNumbers.GETPID, 4242));

        assertEquals(new Outcome.Exited(0), run.outcome());
        RecordingSyscalls.Call write = run.kernel().calls().get(1);
        RecordingSyscalls.Decoded.Pointer buffer = (RecordingSyscalls.Decoded.Pointer) write.decoded().get(1);
        assertEquals(slot, buffer.offset());
        assertEquals(4242, buffer.word(), "write() sees what STORE put in the slot");
        assertEquals(4242, run.arena().readLong(run.arena().address(slot)));
        assertEquals("kill(4242, 10)", run.kernel().calls().get(2).render());
    }

    @Test
    void cloneResultSelectsChildOrParentPathByAJump() {
        PlanBuilder b = new PlanBuilder();
        Arg.Reg pid = b.register();
        Label child = b.label("child");
        b.sys("clone the container init", SyscallNumbers.CLONE, imm(0x20000000 /* CLONE_NEWPID */)).into(pid);
        b.jumpIf("the child goes on", pid, Condition.EQ, 0, child);
        b.exit("parent side", 0);
        b.bind(child);
        b.sys("exec", SyscallNumbers.EXECVE,
                addr(b.arena().string("/bin/sh")),
                addr(b.arena().stringArray(List.of("sh", "-c", "echo hi"))),
                addr(b.arena().stringArray(List.of("PATH=/bin"))));
        b.exit("exec returned", 7);
        Plan plan = b.build();

        Run asChild = run(plan, k -> k.returning(SyscallNumbers.CLONE, 0));
        assertEquals(new Outcome.Exited(7), asChild.outcome());
        assertEquals(List.of("clone(536870912)", "execve(\"/bin/sh\", [\"sh\", \"-c\", \"echo hi\"], [\"PATH=/bin\"])"),
                asChild.kernel().rendered());

        Run asParent = run(plan, k -> k.returning(SyscallNumbers.CLONE, 1234));
        assertEquals(new Outcome.Exited(0), asParent.outcome());
        assertEquals(1, asParent.kernel().calls().size());
    }

    @Test
    void lessThanComparesSigned() {
        PlanBuilder b = new PlanBuilder();
        Arg.Reg fd = b.register();
        Label missing = b.label("missing");
        b.sys("open /etc/hosts", SyscallNumbers.OPENAT, imm(AT_FDCWD), addr(b.arena().string("/etc/hosts")), imm(0))
                .into(fd)
                .expecting(Errno.ENOENT);
        b.jumpIf("skip if missing", fd, Condition.LT, 0, missing);
        b.exit("present", 0);
        b.bind(missing);
        b.exit("missing", 3);
        Plan plan = b.build();

        assertEquals(new Outcome.Exited(3), run(plan, k -> k.returning(SyscallNumbers.OPENAT, -2)).outcome());
        assertEquals(new Outcome.Exited(0), run(plan, k -> k.returning(SyscallNumbers.OPENAT, 9)).outcome());
    }

    @Test
    void stepLimitTripsOnAnInfiniteLoop() {
        PlanBuilder b = new PlanBuilder();
        Arg.Reg r = b.register();
        Label loop = b.label("loop");
        b.bind(loop);
        b.sys("getpid", SyscallNumbers.GETPID).into(r);
        b.jumpIf("forever", r, Condition.NE, -1, loop);
        b.exit("never", 0);
        Plan plan = b.build();
        SimulatedArena arena = SimulatedArena.load(plan.arena());
        RecordingSyscalls kernel = new RecordingSyscalls(arena);

        RunawayPlanException e = assertThrows(RunawayPlanException.class,
                () -> new PlanInterpreter(kernel, 51).run(plan, arena));

        assertEquals(1, e.opIndex(), "the 52nd step would be the jump");
        assertEquals(51, e.steps());
        assertEquals(26, kernel.calls().size());
    }
}
