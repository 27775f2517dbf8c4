package dev.jrun.linux.plan;

import java.util.List;

/**
 * A compiled container step: the ops the child runs, the arena they point into, and how many registers they use.
 * A Plan is always valid for the executor: the constructor checks every register, jump target and arena reference,
 * so a broken compiler is caught in the parent, where it can still say what is wrong.
 */
public record Plan(List<Op> ops, Arena arena, int registerCount, int failureHandler, int failureRecord) {
    public static final int NO_HANDLER = -1;

    /** A plan without a failure handler: a failing op ends the run. */
    public Plan(List<Op> ops, Arena arena, int registerCount) {
        this(ops, arena, registerCount, NO_HANDLER, 0);
    }

    public Plan {
        ops = List.copyOf(ops);
        if (registerCount < 0) {
            throw new InvalidPlanException("negative register count " + registerCount);
        }
        if (ops.isEmpty()) {
            throw new InvalidPlanException("a plan needs at least one op");
        }
        for (int i = 0; i < ops.size(); i++) {
            check(i, ops.get(i), ops.size(), arena.size(), registerCount);
        }
        if (failureHandler != NO_HANDLER) {
            if (failureHandler < 0 || failureHandler >= ops.size()) {
                throw new InvalidPlanException("failure handler " + failureHandler + " is outside the plan (0.."
                        + (ops.size() - 1) + ")");
            }
            if (failureRecord < 0 || failureRecord % 8 != 0 || failureRecord + 24 > arena.size()) {
                throw new InvalidPlanException("the failure record needs 24 aligned bytes inside the arena ("
                        + arena.size() + " bytes), got offset " + failureRecord);
            }
        }
        // Falling off the end would run whatever follows in the executor; only EXIT (or a jump) may leave.
        if (!(ops.getLast() instanceof Op.Exit)) {
            throw new InvalidPlanException("the last op (" + (ops.size() - 1) + ", " + ops.getLast().description()
                    + ") must be EXIT");
        }
    }

    /** The flat form the native executor reads; see {@link PlanEncoding}. */
    public long[] encode() {
        return PlanEncoding.encode(this);
    }

    private static void check(int index, Op op, int opCount, int arenaSize, int registerCount) {
        String where = "op " + index + " (" + op.description() + ")";
        switch (op) {
            case Op.Sys sys -> {
                for (Arg arg : sys.args()) {
                    switch (arg) {
                        case Arg.Imm imm -> {}
                        case Arg.ArenaAddr addr -> {
                            if (addr.offset() >= arenaSize) {
                                throw new InvalidPlanException(where + ": arena offset " + addr.offset()
                                        + " is outside the arena (" + arenaSize + " bytes)");
                            }
                        }
                        case Arg.Reg reg -> checkRegister(where, reg, registerCount);
                    }
                }
                sys.result().ifPresent(reg -> checkRegister(where, reg, registerCount));
            }
            case Op.Store store -> {
                checkRegister(where, store.reg(), registerCount);
                int at = store.arenaOffset();
                if (at < 0 || at % 8 != 0 || at + 8 > arenaSize) {
                    throw new InvalidPlanException(where + ": STORE needs an aligned 8-byte slot inside the arena ("
                            + arenaSize + " bytes), got offset " + at);
                }
            }
            case Op.JumpIf jump -> {
                checkRegister(where, jump.reg(), registerCount);
                if (jump.target() < 0 || jump.target() >= opCount) {
                    throw new InvalidPlanException(
                            where + ": jump target " + jump.target() + " is outside the plan (0.." + (opCount - 1) + ")");
                }
            }
            case Op.Exit exit -> {}
        }
    }

    private static void checkRegister(String where, Arg.Reg reg, int registerCount) {
        if (reg.index() >= registerCount) {
            throw new InvalidPlanException(
                    where + ": register r" + reg.index() + " is out of range (the plan has " + registerCount + ")");
        }
    }
}
