package dev.jrun.linux.kernel;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.linux.plan.Arg;
import dev.jrun.linux.plan.Condition;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.Label;
import dev.jrun.linux.plan.MkdirAll;
import dev.jrun.linux.plan.Outcome;
import dev.jrun.linux.plan.Plan;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.PlanEncoding;
import dev.jrun.linux.plan.PlanErrors;
import dev.jrun.linux.plan.PlanInterpreter;
import dev.jrun.linux.plan.SimulatedArena;
import dev.jrun.linux.plan.SyscallNumbers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plans of PlanInterpreterTest, where they can run for real, under the real executor and kernel. */
class PlanExecutorTest {
    private static final long AT_FDCWD = MkdirAll.AT_FDCWD;

    @TempDir
    Path tmp;

    private static void mkdirAll(PlanBuilder b, String path) {
        MkdirAll.emit(b, path, 0755);
    }

    @Test
    void mkdirsPathComponentByComponentWithExistingOnesExpected() {
        Path target = tmp.resolve("a/b/c");
        PlanBuilder b = new PlanBuilder();
        mkdirAll(b, target.toString()); // /tmp/junit… exists: EEXIST for every existing component
        b.exit("done", 0);
        Plan plan = b.build();

        assertEquals(new Outcome.Exited(0), PlanExecutor.run(plan));
        assertTrue(Files.isDirectory(target));
        assertEquals(new Outcome.Exited(0), PlanExecutor.run(plan), "second run: everything exists");
    }

    @Test
    void anErrnoThatIsNotExpectedStillFailsWithTheOpsDescription() throws Exception {
        Files.writeString(tmp.resolve("file"), "not a directory");
        PlanBuilder b = new PlanBuilder();
        mkdirAll(b, tmp.resolve("file/sub/deeper").toString());
        b.exit("done", 0);
        Plan plan = b.build();
        int fileOp = tmp.getNameCount(); // components of tmp, then "file" (EEXIST, fine), then "file/sub"

        Outcome outcome = PlanExecutor.run(plan);

        String description = "mkdir " + tmp.resolve("file/sub");
        assertEquals(new Outcome.Failed(fileOp + 1, Errno.ENOTDIR.code(), description), outcome);
        assertEquals(description + ": ENOTDIR (not a directory)", PlanErrors.message((Outcome.Failed) outcome));
        assertFalse(Files.exists(tmp.resolve("file/sub/deeper")));
    }

    @Test
    void storedRegisterIsWrittenToAPipeFromTheArena() {
        try (Pipe pipe = new Pipe()) {
            PlanBuilder b = new PlanBuilder();
            int slot = b.arena().slot();
            Arg.Reg pid = b.register();
            b.sys("get pid", SyscallNumbers.GETPID).into(pid);
            b.store("keep pid for the parent", pid, slot);
            b.sys("report pid", SyscallNumbers.WRITE, imm(pipe.writeFd), addr(slot), imm(8));
            b.sys("signal self", SyscallNumbers.KILL, pid, imm(0));
            b.exit("done", 0);

            try (LoadedPlan loaded = LoadedPlan.load(b.build())) {
                assertEquals(new Outcome.Exited(0), PlanExecutor.run(loaded));
                long me = ProcessHandle.current().pid();
                assertEquals(me, pipe.readLong(), "write() sent what STORE put in the slot");
                assertEquals(me, loaded.arena().readLong(slot));
                assertEquals(me, loaded.registers()[0]);
            }
            assertEquals(Errno.EAGAIN.negative(), pipe.read(), "exactly one word was written");
        }
    }

    @Test
    void readRetriesThroughABackwardJumpUntilItSucceeds() {
        // No EINTR on demand, so: a read of an empty non-blocking pipe is EAGAIN (expected) once, the plan then
        // writes a byte and jumps back; the second read gets it.
        try (Pipe pipe = new Pipe()) {
            PlanBuilder b = new PlanBuilder();
            int buf = b.arena().slot();
            int one = b.arena().string("x");
            Arg.Reg n = b.register();
            Label retry = b.label("retry");
            Label done = b.label("done");
            b.bind(retry);
            b.sys("read the pipe", SyscallNumbers.READ, imm(pipe.readFd), addr(buf), imm(8))
                    .into(n)
                    .expecting(Errno.EAGAIN);
            b.jumpIf("got a byte", n, Condition.NE, Errno.EAGAIN.negative(), done);
            b.sys("feed the pipe", SyscallNumbers.WRITE, imm(pipe.writeFd), addr(one), imm(1));
            b.jumpIf("retry", n, Condition.EQ, Errno.EAGAIN.negative(), retry);
            b.bind(done);
            b.exit("read", 0);

            try (LoadedPlan loaded = LoadedPlan.load(b.build())) {
                assertEquals(new Outcome.Exited(0), PlanExecutor.run(loaded));
                assertEquals(1, loaded.registers()[0], "the last read returned one byte");
                assertEquals("x", loaded.arena().readCString(buf));
            }
        }
    }

    @Test
    void lessThanComparesSignedOnARealOpenatResult() throws Exception {
        Path hosts = Files.writeString(tmp.resolve("hosts"), "127.0.0.1 localhost\n");
        for (boolean present : new boolean[] {true, false}) {
            PlanBuilder b = new PlanBuilder();
            Arg.Reg fd = b.register();
            Label missing = b.label("missing");
            String path = present ? hosts.toString() : tmp.resolve("absent").toString();
            b.sys("open " + path, SyscallNumbers.OPENAT, imm(AT_FDCWD), addr(b.arena().string(path)),
                            imm(0x80000 /* O_CLOEXEC */))
                    .into(fd)
                    .expecting(Errno.ENOENT);
            b.jumpIf("skip if missing", fd, Condition.LT, 0, missing);
            b.sys("close it", SyscallNumbers.CLOSE, fd);
            b.exit("present", 0);
            b.bind(missing);
            b.exit("missing", 3);

            assertEquals(new Outcome.Exited(present ? 0 : 3), PlanExecutor.run(b.build()), path);
        }
    }

    /** Deterministic against a real kernel, so the interpreter and the executor must agree op for op. */
    private Plan comparisonPlan(Path existing) {
        PlanBuilder b = new PlanBuilder();
        int slot = b.arena().slot();
        Arg.Reg pid = b.register();
        Arg.Reg fd = b.register();
        Label missing = b.label("missing");
        b.sys("get pid", SyscallNumbers.GETPID).into(pid);
        b.store("keep pid", pid, slot);
        b.sys("open nothing", SyscallNumbers.OPENAT, imm(AT_FDCWD), addr(b.arena().string(tmp + "/nothing")), imm(0))
                .into(fd)
                .expecting(Errno.ENOENT);
        b.jumpIf("missing as it should be", fd, Condition.LT, 0, missing);
        b.exit("it exists?", 5);
        b.bind(missing);
        b.sys("signal 0 to self", SyscallNumbers.KILL, pid, imm(0));
        b.sys("mkdir " + existing, SyscallNumbers.MKDIRAT, imm(AT_FDCWD), addr(b.arena().string(existing.toString())),
                imm(0755));
        b.exit("not reached", 0);
        return b.build();
    }

    @Test
    void interpreterAndExecutorAgreeOnTheSamePlanOverTheRealKernel() {
        Plan plan = comparisonPlan(tmp);
        try (LoadedPlan loaded = LoadedPlan.load(plan)) {
            // The interpreter's simulated arena sits at the native arena's address, so the addresses it passes the
            // kernel point at the same (relocated) bytes the executor uses.
            SimulatedArena simulated = SimulatedArena.load(plan.arena(), loaded.arena().address());
            Outcome interpreted = new PlanInterpreter(LinuxSyscalls.INSTANCE).run(plan, simulated);
            Outcome executed = PlanExecutor.run(loaded);

            Outcome expected = new Outcome.Failed(6, Errno.EEXIST.code(), "mkdir " + tmp);
            assertEquals(expected, interpreted);
            assertEquals(expected, executed);
            long me = ProcessHandle.current().pid();
            assertEquals(me, simulated.readLong(loaded.arena().address()));
            assertEquals(me, loaded.arena().readLong(0));
        }
    }

    @Test
    void warmUpNeedsAtLeastOneRun() {
        PlanExecutor.warmUp(1);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PlanExecutor.warmUp(0));
    }

    @Test
    void warmUpRunsAndItsPlansEndAsExpected() {
        PlanExecutor.warmUp();
        try (Pipe pipe = new Pipe()) {
            assertEquals(new Outcome.Exited(0), PlanExecutor.run(PlanExecutor.warmUpPlan(false)));
            Plan failing = PlanExecutor.warmUpPlan(true);
            Outcome outcome = PlanExecutor.run(failing);
            assertEquals(new Outcome.Failed(failing.ops().size() - 2, 9, "read fd -1, unexpected"), outcome);
            assertEquals("read fd -1, unexpected: EBADF (bad file descriptor)",
                    PlanErrors.message((Outcome.Failed) outcome));
        }
    }

    @Test
    void anExpectedErrnoPassesAndAnotherOneFails() {
        PlanBuilder b = new PlanBuilder();
        Arg.Reg r = b.register();
        b.sys("no such syscall, ENOSYS expected", 100_000).into(r).expecting(Errno.ENOSYS);
        b.sys("no such syscall", 100_001).expecting(Errno.EPERM, Errno.ENOENT);
        b.exit("not reached", 0);

        try (LoadedPlan loaded = LoadedPlan.load(b.build())) {
            assertEquals(new Outcome.Failed(1, Errno.ENOSYS.code(), "no such syscall"), PlanExecutor.run(loaded));
            assertEquals(Errno.ENOSYS.negative(), loaded.registers()[0], "the expected errno reached the register");
        }
    }

    @Test
    void errnosPastTheMaskAreNeverExpectedEvenWhenTheNextRecordHasTheBit() {
        // The kernel can leak errnos above 192 (ENOTSUPP is 524) but not on demand, so the mask test is checked on
        // words: op 0 expects 1, 64, 65, 192; the next record's first word has every bit set, which a word index
        // of 3 would read.
        long[] code = new long[PlanEncoding.HEADER + 2 * PlanEncoding.WIDTH];
        int at = PlanEncoding.HEADER;
        code[at + PlanEncoding.W_EXPECTED] = 1L | 1L << 63;
        code[at + PlanEncoding.W_EXPECTED + 1] = 1L;
        code[at + PlanEncoding.W_EXPECTED + 2] = 1L << 63;
        code[at + PlanEncoding.WIDTH] = -1L;

        for (int errno : new int[] {1, 64, 65, 192}) {
            assertTrue(PlanExecutor.expected(code, at, -errno), "errno " + errno);
        }
        for (int errno : new int[] {2, 63, 66, 191, 193, 200, 256, 524, 4095}) {
            assertFalse(PlanExecutor.expected(code, at, -errno), "errno " + errno);
        }
    }
}
