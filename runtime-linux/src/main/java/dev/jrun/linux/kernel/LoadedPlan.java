package dev.jrun.linux.kernel;

import static dev.jrun.linux.plan.PlanEncoding.*;

import dev.jrun.linux.plan.Plan;

/**
 * Everything {@link PlanExecutor} touches for one plan, allocated and checked in the parent, before any clone: the
 * encoded words, the register file, the failure record and the {@link NativeArena}. The executor then needs no
 * allocation and no validation of its own, so its loop has no error branches that only a broken plan would take.
 */
public final class LoadedPlan implements AutoCloseable {
    final Plan plan;
    final long[] code;
    final long[] registers;
    /** (op index, errno) of the op that failed; op index -1 while nothing failed. */
    final long[] failure = new long[2];
    final NativeArena arena;

    private LoadedPlan(Plan plan, long[] code, NativeArena arena) {
        this.plan = plan;
        this.code = code;
        this.registers = new long[(int) code[H_REGISTERS]];
        this.arena = arena;
    }

    public static LoadedPlan load(Plan plan) {
        long[] code = plan.encode();
        checkEncoding(code);
        return new LoadedPlan(plan, code, NativeArena.load(plan.arena()));
    }

    public Plan plan() {
        return plan;
    }

    public NativeArena arena() {
        return arena;
    }

    /** The register file as the last run left it (a copy). */
    public long[] registers() {
        return registers.clone();
    }

    @Override
    public void close() {
        arena.close();
    }

    /**
     * {@link Plan} already guarantees registers, arena references and jump targets; this re-checks what the loop
     * relies on without testing it, against the words themselves: opcodes, argument kinds and conditions are known
     * values, and the last op is EXIT, so {@code pc + 1} never leaves the plan.
     */
    private static void checkEncoding(long[] code) {
        if (code.length < HEADER || code[H_MAGIC] != MAGIC || code[H_WIDTH] != WIDTH
                || code.length != HEADER + code[H_OPS] * WIDTH) {
            throw new IllegalArgumentException("not a plan encoding");
        }
        int ops = (int) code[H_OPS];
        for (int pc = 0; pc < ops; pc++) {
            long head = code[HEADER + pc * WIDTH + W_OP];
            int opcode = (int) (head & 0xff);
            switch (opcode) {
                case SYS -> {
                    for (int n = 0; n < 6; n++) {
                        if (((head >>> (8 + 2 * n)) & 3) == 3) {
                            throw new IllegalArgumentException("op " + pc + ": unknown kind for argument " + n);
                        }
                    }
                }
                case STORE, EXIT -> {}
                case JUMP_IF -> {
                    long cond = (head >>> 8) & 0xff;
                    if (cond != COND_EQ && cond != COND_NE && cond != COND_LT) {
                        throw new IllegalArgumentException("op " + pc + ": unknown condition " + cond);
                    }
                }
                default -> throw new IllegalArgumentException("op " + pc + ": unknown opcode " + opcode);
            }
        }
        long handler = code[H_FAIL_TARGET];
        if (handler < -1 || handler >= ops) {
            throw new IllegalArgumentException("failure handler " + handler + " is outside the plan");
        }
        if ((code[HEADER + (ops - 1) * WIDTH + W_OP] & 0xff) != EXIT) {
            throw new IllegalArgumentException("the last op is not EXIT");
        }
    }
}
