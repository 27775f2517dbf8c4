package dev.jrun.linux.kernel;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;
import static dev.jrun.linux.plan.PlanEncoding.*;

import com.sun.jna.Memory;
import dev.jrun.linux.plan.Arg;
import dev.jrun.linux.plan.Condition;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.Label;
import dev.jrun.linux.plan.Outcome;
import dev.jrun.linux.plan.Plan;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.SyscallNumbers;
import java.lang.ref.Reference;

/**
 * Runs a {@link LoadedPlan} against the real kernel: the loop a cloned child will run (DESIGN.md §1).
 *
 * <p><b>The loop's rules.</b> {@link #loop} and its helpers use only primitive locals, the pre-allocated {@code
 * long[]}s of the {@link LoadedPlan}, the arena's {@link Memory} (for STORE) and {@link LinuxSyscalls#invoke}. No
 * allocation, no exceptions thrown or caught, no locks, no logging, no lambdas, no collections, no strings, no
 * interface or megamorphic calls. It has no error branches either: {@link LoadedPlan} validated the encoding, so
 * every branch in the loop is one a valid plan takes, and {@link #warmUp} takes each of them in the parent — a
 * branch C2 never saw taken would be compiled as a deoptimisation trap, which a child cannot survive.
 *
 * <p>EXIT returns its code. In the child the plan's last op will be exit_group itself, so the child never returns
 * out of the loop; here, in the parent, returning is how a run ends. A failure returns -1 with (op index, errno) in
 * the failure record, as the child will write it to its error pipe.
 */
public final class PlanExecutor {
    /** Runs of each warm-up plan: well past C1's and C2's invocation thresholds for the loop and its helpers. */
    public static final int WARM_UP_RUNS = 20_000;

    private PlanExecutor() {}

    /** Loads, runs and frees {@code plan}. For the parent and tests; allocates freely. */
    public static Outcome run(Plan plan) {
        try (LoadedPlan loaded = LoadedPlan.load(plan)) {
            return run(loaded);
        }
    }

    /** Runs {@code loaded} once and describes how it ended. For the parent and tests; allocates the Outcome. */
    public static Outcome run(LoadedPlan loaded) {
        long exitCode = execute(loaded);
        long[] failure = loaded.failure;
        if (failure[0] >= 0) {
            int op = (int) failure[0];
            return new Outcome.Failed(op, (int) failure[1], loaded.plan.ops().get(op).description());
        }
        return new Outcome.Exited((int) exitCode);
    }

    /**
     * Runs {@code loaded} once without allocating: returns the EXIT code, or -1 with the failure record of {@code
     * loaded} set to (op index, errno). Registers start at 0 on every run.
     */
    public static long execute(LoadedPlan loaded) {
        NativeArena arena = loaded.arena;
        long result = loop(loaded.code, loaded.registers, arena.memory(), arena.address(), loaded.failure);
        // The kernel was handed raw addresses into the arena's Memory: keep it (and so its native block) alive
        // until every syscall of the run has returned.
        Reference.reachabilityFence(loaded);
        return result;
    }

    private static long loop(long[] code, long[] regs, Memory memory, long base, long[] failure) {
        for (int r = 0; r < regs.length; r++) {
            regs[r] = 0;
        }
        failure[0] = -1;
        failure[1] = 0;
        int pc = 0;
        while (true) {
            int at = HEADER + pc * WIDTH;
            long head = code[at + W_OP];
            int opcode = (int) (head & 0xff);
            if (opcode == SYS) {
                long result = LinuxSyscalls.invoke(code[at + W_NR],
                        arg(code[at + W_ARGS], head >>> 8, regs, base),
                        arg(code[at + W_ARGS + 1], head >>> 10, regs, base),
                        arg(code[at + W_ARGS + 2], head >>> 12, regs, base),
                        arg(code[at + W_ARGS + 3], head >>> 14, regs, base),
                        arg(code[at + W_ARGS + 4], head >>> 16, regs, base),
                        arg(code[at + W_ARGS + 5], head >>> 18, regs, base));
                if (result < 0 && !expected(code, at, result)) {
                    failure[0] = pc;
                    failure[1] = -result;
                    long handler = code[H_FAIL_TARGET];
                    if (handler < 0) {
                        return -1;
                    }
                    long record = code[H_FAIL_RECORD];
                    memory.setLong(record + 8, pc);
                    memory.setLong(record + 16, -result);
                    pc = (int) handler;
                    continue;
                }
                long dest = code[at + W_RESULT];
                if (dest >= 0) {
                    regs[(int) dest] = result;
                }
                pc++;
            } else if (opcode == STORE) {
                memory.setLong(code[at + 2], regs[(int) code[at + 1]]);
                pc++;
            } else if (opcode == JUMP_IF) {
                long value = regs[(int) code[at + 1]];
                long imm = code[at + 2];
                long cond = (head >>> 8) & 0xff;
                boolean taken = cond == COND_EQ ? value == imm : cond == COND_NE ? value != imm : value < imm;
                pc = taken ? (int) code[at + 3] : pc + 1;
            } else {
                return code[at + 1]; // EXIT: LoadedPlan admitted no other opcode
            }
        }
    }

    /** One SYS argument; {@code kinds} has this argument's kind in its low two bits. */
    private static long arg(long word, long kinds, long[] regs, long base) {
        long kind = kinds & 3;
        if (kind == KIND_ARENA) {
            return base + word;
        }
        if (kind == KIND_REG) {
            return regs[(int) word];
        }
        return word;
    }

    /**
     * Whether the op at {@code at} lists errno {@code -result} as expected. Branch-free on purpose: errnos above the
     * mask's 192 bits (the kernel can leak e.g. ENOTSUPP, 524) cannot be produced in warm-up, so that range test must
     * not be a branch C2 could turn into a trap. For such an errno the word index may be 3, which reads the next
     * record's first word (there always is one: a SYS op is never last, the last op being EXIT); {@code inRange}
     * masks it out.
     */
    static boolean expected(long[] code, int at, long result) {
        long bit = -result - 1; // errno - 1: 0..4094 for a kernel error
        long inRange = (bit - EXPECTED_ERRNO_BITS) >> 63; // all ones iff bit < 192
        int word = (int) ((bit >>> 6) & 3);
        return (code[at + W_EXPECTED + word] & inRange & (1L << bit)) != 0;
    }

    /**
     * Runs two harmless plans {@link #WARM_UP_RUNS} times each through the same {@link #execute} the child uses, so
     * that before any clone: every class the loop touches is loaded and initialised (this class, {@link
     * LinuxSyscalls}, {@link LibcSyscall} with its native binding, JNA's {@code Native} and {@code Memory}); every
     * call site in the loop is resolved and linked, including the JNI {@code Native.getLastError} and {@code
     * Native.setLong} behind STORE; and every branch of the loop has been taken (each opcode, each argument kind,
     * a result kept and dropped, an expected and an unexpected errno, each condition taken and not taken, a backward
     * jump), so the profile C2 compiles from has no never-taken branch that a valid plan can reach.
     *
     * <p>It does not guarantee that C2 has finished compiling the loop (compilation is asynchronous), only that the
     * code is resolved and correct in whichever tier runs it. It checks the results, so a broken errno path fails
     * here, in the parent, rather than in a child.
     *
     * @throws IllegalStateException if a warm-up plan did not end as it must
     */
    public static void warmUp() {
        warmUp(WARM_UP_RUNS);
    }

    /**
     * As {@link #warmUp()} with {@code runs} runs of each plan. One run already loads, initialises and resolves
     * everything and takes every branch once; more runs let the JIT compile the loop from a complete profile (on
     * this VM C2 finished compiling the loop some 350 ms after a 20,000-run warm-up returned, so neither count
     * promises compiled code at the clone).
     */
    public static void warmUp(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("warm-up needs at least one run, got " + runs);
        }
        try (LoadedPlan exits = LoadedPlan.load(warmUpPlan(false));
                LoadedPlan fails = LoadedPlan.load(warmUpPlan(true));
                LoadedPlan handled = LoadedPlan.load(warmUpHandledPlan())) {
            for (int i = 0; i < runs; i++) {
                long exitCode = execute(exits);
                long failedAt = execute(fails) == -1 ? fails.failure[0] : -1;
                if (exitCode != 0 || failedAt != fails.plan.ops().size() - 2 || fails.failure[1] != Errno.EBADF.code()) {
                    throw new IllegalStateException("executor warm-up went wrong: exit " + exitCode + ", failure at op "
                            + failedAt + " errno " + fails.failure[1]);
                }
                long handledExit = execute(handled);
                int record = handled.plan.failureRecord();
                if (handledExit != HANDLED_EXIT || handled.arena.readLong(record + 8) != 1
                        || handled.arena.readLong(record + 16) != Errno.EBADF.code()) {
                    throw new IllegalStateException("executor warm-up went wrong: the failure handler ended with "
                            + handledExit + ", record (" + handled.arena.readLong(record + 8) + ", "
                            + handled.arena.readLong(record + 16) + ")");
                }
            }
        }
    }

    static final int HANDLED_EXIT = 3;

    /**
     * The shape of a child's failure path: an op fails, the executor fills the failure record and jumps to the
     * handler, which writes the record to a pipe (here fd -1, EBADF expected) and "dies" (here getpid, where the
     * child calls exit_group) before the EXIT only the parent's runs reach.
     */
    static Plan warmUpHandledPlan() {
        PlanBuilder b = new PlanBuilder();
        int record = b.arena().slot(0x4641494cL); // "FAIL"
        b.arena().slot();
        b.arena().slot();
        Label handler = b.label("failure handler");
        b.onFailure(handler, record);
        b.sys("get pid", SyscallNumbers.GETPID);
        b.sys("read fd -1, unexpected", SyscallNumbers.READ, imm(-1), addr(record), imm(8));
        b.exit("never reached", 0);
        b.bind(handler);
        b.sys("report the failure", SyscallNumbers.WRITE, imm(-1), addr(record), imm(24)).expecting(Errno.EBADF);
        b.sys("die (getpid in warm-up)", SyscallNumbers.GETPID);
        b.exit("failure handled", HANDLED_EXIT);
        return b.build();
    }

    /**
     * getpid, STORE, a two-pass backward loop over a read of fd -1 (EBADF expected), the three conditions both ways,
     * a register argument; then either EXIT 0 or a read of fd -1 that nobody expects.
     */
    static Plan warmUpPlan(boolean failAtEnd) {
        PlanBuilder b = new PlanBuilder();
        int slot = b.arena().slot();
        Arg.Reg pid = b.register();
        Arg.Reg n = b.register();
        Label loop = b.label("loop");
        Label after = b.label("after loop");
        Label fine = b.label("fine");
        Label broken = b.label("broken");
        b.sys("get pid", SyscallNumbers.GETPID).into(pid);
        b.store("keep pid", pid, slot);
        b.bind(loop);
        b.jumpIf("second pass leaves", n, Condition.NE, 0, after); // not taken, then taken
        b.sys("read fd -1", SyscallNumbers.READ, imm(-1), addr(slot), imm(8)).into(n).expecting(Errno.EBADF);
        b.jumpIf("loop back", n, Condition.LT, 0, loop); // taken
        b.bind(after);
        b.jumpIf("pid is never 0", pid, Condition.EQ, 0, broken); // not taken
        b.jumpIf("read failed with EBADF", n, Condition.EQ, Errno.EBADF.negative(), fine); // taken
        b.bind(broken);
        b.exit("warm-up broken", 1);
        b.bind(fine);
        b.sys("signal 0 to self", SyscallNumbers.KILL, pid, imm(0)); // a register argument, result dropped
        b.jumpIf("kill(pid, 0) succeeded", pid, Condition.LT, 0, broken); // not taken
        if (failAtEnd) {
            b.sys("read fd -1, unexpected", SyscallNumbers.READ, imm(-1), addr(slot), imm(8));
        }
        b.exit("warm-up done", 0);
        return b.build();
    }
}
