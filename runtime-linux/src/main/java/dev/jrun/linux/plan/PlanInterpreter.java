package dev.jrun.linux.plan;

import static dev.jrun.linux.plan.PlanEncoding.*;

/**
 * Runs a plan in Java, over any {@link Syscalls} and a {@link SimulatedArena}, for tests. It reads the {@link
 * PlanEncoding} words, not the {@link Op} records, so passing tests vouch for the encoding the native executor
 * reads; it keeps the executor's shape (one loop, a register array, no allocation per op) to stay easy to compare.
 *
 * <p>Unlike the executor it has a step limit: a plan that loops forever is a compiler bug, and a test should say so
 * rather than hang.
 */
public final class PlanInterpreter {
    public static final long DEFAULT_STEP_LIMIT = 100_000;

    private final Syscalls syscalls;
    private final long stepLimit;

    public PlanInterpreter(Syscalls syscalls) {
        this(syscalls, DEFAULT_STEP_LIMIT);
    }

    public PlanInterpreter(Syscalls syscalls, long stepLimit) {
        if (stepLimit < 1) {
            throw new IllegalArgumentException("step limit must be positive");
        }
        this.syscalls = syscalls;
        this.stepLimit = stepLimit;
    }

    /**
     * Encodes {@code plan} and runs the encoding against {@code arena} (which must be this plan's arena, loaded).
     *
     * @throws RunawayPlanException if the plan does not end within the step limit
     */
    public Outcome run(Plan plan, SimulatedArena arena) {
        if (arena.size() != plan.arena().size()) {
            throw new IllegalArgumentException(
                    "arena of " + arena.size() + " bytes loaded for a plan whose arena has " + plan.arena().size());
        }
        long[] code = plan.encode();
        long[] regs = new long[(int) code[H_REGISTERS]];
        long[] failure = new long[2]; // op index, errno: what the child writes to its error pipe
        long exitCode = execute(code, regs, arena, failure);
        if (failure[0] >= 0) {
            int op = (int) failure[0];
            return new Outcome.Failed(op, (int) failure[1], plan.ops().get(op).description());
        }
        return new Outcome.Exited((int) exitCode);
    }

    /** Returns the exit code; on failure fills {@code failure} with (op index, errno). */
    private long execute(long[] code, long[] regs, SimulatedArena arena, long[] failure) {
        if (code[H_MAGIC] != MAGIC || code[H_WIDTH] != WIDTH) {
            throw new IllegalArgumentException("not a plan encoding");
        }
        long base = arena.base();
        int opCount = (int) code[H_OPS];
        failure[0] = -1;
        int pc = 0;
        long steps = 0;
        while (true) {
            if (pc < 0 || pc >= opCount) {
                throw new IllegalStateException("pc " + pc + " outside the plan; Plan should have prevented this");
            }
            if (++steps > stepLimit) {
                throw new RunawayPlanException(pc, stepLimit);
            }
            int at = HEADER + pc * WIDTH;
            long head = code[at + W_OP];
            switch ((int) (head & 0xff)) {
                case SYS -> {
                    long a0 = arg(code, at, 0, head, regs, base);
                    long a1 = arg(code, at, 1, head, regs, base);
                    long a2 = arg(code, at, 2, head, regs, base);
                    long a3 = arg(code, at, 3, head, regs, base);
                    long a4 = arg(code, at, 4, head, regs, base);
                    long a5 = arg(code, at, 5, head, regs, base);
                    long result = syscalls.syscall(code[at + W_NR], a0, a1, a2, a3, a4, a5);
                    if (result < 0 && !expected(code, at, -result)) {
                        failure[0] = pc;
                        failure[1] = -result;
                        if (code[H_FAIL_TARGET] < 0) {
                            return -1;
                        }
                        arena.writeLong(base + code[H_FAIL_RECORD] + 8, pc);
                        arena.writeLong(base + code[H_FAIL_RECORD] + 16, -result);
                        pc = (int) code[H_FAIL_TARGET];
                        continue;
                    }
                    long dest = code[at + W_RESULT];
                    if (dest != NO_REGISTER) {
                        regs[(int) dest] = result;
                    }
                    pc++;
                }
                case STORE -> {
                    arena.writeLong(base + code[at + 2], regs[(int) code[at + 1]]);
                    pc++;
                }
                case JUMP_IF -> {
                    long value = regs[(int) code[at + 1]];
                    long imm = code[at + 2];
                    boolean taken = switch ((int) ((head >>> 8) & 0xff)) {
                        case COND_EQ -> value == imm;
                        case COND_NE -> value != imm;
                        case COND_LT -> value < imm;
                        default -> throw new IllegalArgumentException("bad condition in op " + pc);
                    };
                    pc = taken ? (int) code[at + 3] : pc + 1;
                }
                case EXIT -> {
                    return code[at + 1];
                }
                default -> throw new IllegalArgumentException("bad opcode " + (head & 0xff) + " in op " + pc);
            }
        }
    }

    private static long arg(long[] code, int at, int n, long head, long[] regs, long base) {
        long word = code[at + W_ARGS + n];
        return switch ((int) ((head >>> (8 + 2 * n)) & 3)) {
            case KIND_IMM -> word;
            case KIND_ARENA -> base + word;
            case KIND_REG -> regs[(int) word];
            default -> throw new IllegalArgumentException("bad argument kind in op at word " + at);
        };
    }

    private static boolean expected(long[] code, int at, long errno) {
        if (errno < 1 || errno > EXPECTED_ERRNO_BITS) {
            return false;
        }
        long bit = errno - 1;
        return (code[at + W_EXPECTED + (int) (bit / 64)] & (1L << (bit % 64))) != 0;
    }
}
