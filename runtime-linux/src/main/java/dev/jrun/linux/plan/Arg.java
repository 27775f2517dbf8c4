package dev.jrun.linux.plan;

/**
 * One argument of a {@link Op.Sys}: what the executor puts into a syscall argument register.
 *
 * <p>The executor resolves each kind with nothing but arithmetic and an array read, so the child never allocates:
 * an immediate is used as is, an arena address is the arena's base plus the offset (the base is only known once the
 * native arena exists, which is why the plan holds offsets), a register is the value an earlier op left there.
 */
public sealed interface Arg {

    /** A constant known when the plan is compiled: a flag word, a file descriptor number, a mode. */
    record Imm(long value) implements Arg {}

    /** The address of {@code offset} bytes into the plan's arena (a path, an argv array, a struct). */
    record ArenaAddr(int offset) implements Arg {
        public ArenaAddr {
            if (offset < 0) {
                throw new IllegalArgumentException("arena offset must not be negative: " + offset);
            }
        }
    }

    /** A register: the result of an earlier syscall (a file descriptor the child opened, a pid). */
    record Reg(int index) implements Arg {
        public Reg {
            if (index < 0) {
                throw new IllegalArgumentException("register index must not be negative: " + index);
            }
        }
    }

    static Imm imm(long value) {
        return new Imm(value);
    }

    static ArenaAddr addr(int offset) {
        return new ArenaAddr(offset);
    }
}
