package dev.jrun.linux.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the compiler emits a plan: ops in order, labels for jumps (forward references are resolved by {@link
 * #build}), registers allocated one by one, and the {@link #arena()} the ops point into.
 *
 * <pre>{@code
 * PlanBuilder b = new PlanBuilder();
 * int proc = b.arena().string("/proc");
 * b.sys("mkdir /proc", SyscallNumbers.MKDIRAT, imm(-100), addr(proc), imm(0555)).expecting(Errno.EEXIST);
 * b.exit("done", 0);
 * Plan plan = b.build();
 * }</pre>
 */
public final class PlanBuilder {
    /** An op as emitted: most are final, jumps wait for their label and syscalls for their options. */
    private sealed interface Emitted permits Fixed, PendingJump, PendingSys {
        Op resolve(int index);
    }

    private record Fixed(Op op) implements Emitted {
        @Override
        public Op resolve(int index) {
            return op;
        }
    }

    private record PendingJump(String description, Arg.Reg reg, Condition condition, long imm, Label target)
            implements Emitted {
        @Override
        public Op resolve(int index) {
            if (target.index() == Label.UNBOUND) {
                throw new InvalidPlanException("op " + index + " (" + description + ") jumps to label '"
                        + target.name() + "', which is never bound");
            }
            return new Op.JumpIf(reg, condition, imm, target.index(), description);
        }
    }

    private record PendingSys(SysOp sys) implements Emitted {
        @Override
        public Op resolve(int index) {
            return sys.toOp();
        }
    }

    /** A syscall op just emitted; refine it with {@link #into} and {@link #expecting}. */
    public static final class SysOp {
        private final String description;
        private final long nr;
        private final List<Arg> args;
        private Arg.Reg result;
        private final Set<Integer> expected = new TreeSet<>();

        private SysOp(String description, long nr, List<Arg> args) {
            this.description = description;
            this.nr = nr;
            this.args = args;
        }

        /** Keep the raw result (≥0, or -errno if expected) in {@code reg}. */
        public SysOp into(Arg.Reg reg) {
            result = reg;
            return this;
        }

        /** These errnos do not fail the plan; the op's result register sees them as -errno. */
        public SysOp expecting(Errno... errnos) {
            for (Errno errno : errnos) {
                expected.add(errno.code());
            }
            return this;
        }

        /** As {@link #expecting(Errno...)}, for errno numbers that have no {@link Errno} constant. */
        public SysOp expectingErrno(int... errnos) {
            for (int errno : errnos) {
                if (errno < 1 || errno > Op.MAX_EXPECTED_ERRNO) {
                    throw new IllegalArgumentException(
                            description + ": expected errno must be 1.." + Op.MAX_EXPECTED_ERRNO + ", got " + errno);
                }
                expected.add(errno);
            }
            return this;
        }

        private Op toOp() {
            return new Op.Sys(nr, args, Optional.ofNullable(result), expected, description);
        }
    }

    private final ArenaBuilder arena = new ArenaBuilder();
    private final List<Emitted> ops = new ArrayList<>();
    private int registers;
    private Label failureHandler;
    private int failureRecord;

    /** Where the ops' strings, arrays and slots go. */
    public ArenaBuilder arena() {
        return arena;
    }

    /** A fresh register. The child has no spare stack for temporaries, so every value needs one of its own. */
    public Arg.Reg register() {
        return new Arg.Reg(registers++);
    }

    /** A new, unbound label; {@code name} is used in error messages. */
    public Label label(String name) {
        return new Label(name, this);
    }

    /** Binds {@code label} to the next op emitted. */
    public PlanBuilder bind(Label label) {
        requireOwn(label);
        label.bindTo(ops.size());
        return this;
    }

    /** Index the next op will have. */
    public int nextIndex() {
        return ops.size();
    }

    public SysOp sys(String description, long nr, Arg... args) {
        SysOp op = new SysOp(description, nr, List.of(args));
        // Fail early on a bad op, with the caller still on the stack.
        op.toOp();
        ops.add(new PendingSys(op));
        return op;
    }

    public PlanBuilder store(String description, Arg.Reg reg, int arenaOffset) {
        return emit(new Op.Store(reg, arenaOffset, description));
    }

    public PlanBuilder jumpIf(String description, Arg.Reg reg, Condition condition, long imm, Label target) {
        requireOwn(target);
        new Op.JumpIf(reg, condition, imm, 0, description); // validates the description now
        ops.add(new PendingJump(description, reg, condition, imm, target));
        return this;
    }

    public PlanBuilder exit(String description, int code) {
        return emit(new Op.Exit(code, description));
    }

    /**
     * Makes {@code handler} the plan's failure handler: a failing op writes (op index, errno) at {@code record} + 8
     * and + 16 and jumps there instead of ending the run. {@code record} is a 24-byte aligned block the caller laid
     * out (its first word is the caller's, e.g. a message tag), so the handler can write it whole to a pipe.
     */
    public PlanBuilder onFailure(Label handler, int record) {
        requireOwn(handler);
        this.failureHandler = handler;
        this.failureRecord = record;
        return this;
    }

    /** Emits a finished op as is (jump targets are op indexes). */
    public PlanBuilder emit(Op op) {
        ops.add(new Fixed(op));
        return this;
    }

    /**
     * Resolves labels and checks the whole plan: unbound labels, jump targets, registers, arena references.
     *
     * @throws InvalidPlanException if the plan could not run as written
     */
    public Plan build() {
        Op[] resolved = new Op[ops.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = ops.get(i).resolve(i);
        }
        if (failureHandler == null) {
            return new Plan(Arrays.asList(resolved), arena.build(), registers);
        }
        if (failureHandler.index() == Label.UNBOUND) {
            throw new InvalidPlanException("failure handler label '" + failureHandler.name() + "' is never bound");
        }
        return new Plan(Arrays.asList(resolved), arena.build(), registers, failureHandler.index(), failureRecord);
    }

    private void requireOwn(Label label) {
        if (label.owner() != this) {
            throw new IllegalArgumentException("label '" + label.name() + "' belongs to another plan");
        }
    }
}
