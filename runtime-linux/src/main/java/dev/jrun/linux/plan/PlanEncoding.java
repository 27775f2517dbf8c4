package dev.jrun.linux.plan;

import java.util.List;

/**
 * The flat {@code long[]} form of a {@link Plan}: what the native executor in the child reads, with nothing but
 * array indexing (no objects, no allocation, no virtual calls). {@link PlanInterpreter} runs from this same
 * encoding, so the unit tests prove the words the executor will see.
 *
 * <h2>Layout</h2>
 * A header of {@value #HEADER} words, then one record of {@value #WIDTH} words per op; op {@code i} starts at
 * {@code HEADER + i * WIDTH}. Unused words are 0.
 *
 * <pre>
 * header  [0] MAGIC  [1] WIDTH  [2] op count  [3] register count
 *         [4] failure handler op index, or -1   [5] arena offset of the failure record (when there is a handler)
 *
 * word        SYS                       STORE            JUMP_IF            EXIT
 * [0]  opcode | arg kinds &lt;&lt; 8   opcode           opcode | cond &lt;&lt; 8  opcode
 * [1]  syscall number              register         register           exit code
 * [2]  a0                          arena offset     immediate
 * [3]  a1                                           target op index
 * [4]  a2
 * [5]  a3
 * [6]  a4
 * [7]  a5
 * [8]  result register, or -1 (NO_REGISTER)
 * [9]  expected errnos 1..64    (bit e-1)
 * [10] expected errnos 65..128  (bit e-65)
 * [11] expected errnos 129..192 (bit e-129)
 * </pre>
 *
 * <ul>
 *   <li>Opcodes: {@link #SYS}, {@link #STORE}, {@link #JUMP_IF}, {@link #EXIT}, in the low 8 bits of word 0.
 *   <li>Arg kinds (SYS): two bits per argument, argument {@code n} at bits {@code 8 + 2n}: {@link #KIND_IMM} (word
 *       is the value), {@link #KIND_ARENA} (word is an arena offset; the address is base + offset), {@link
 *       #KIND_REG} (word is a register index). Missing arguments are immediate 0.
 *   <li>Conditions (JUMP_IF): {@link #COND_EQ}, {@link #COND_NE}, {@link #COND_LT} (signed) in bits 8..15.
 *   <li>SYS failure: a negative result {@code -e} fails the plan at this op with errno {@code e}, unless bit {@code
 *       e} of the expected mask is set; the result (negative or not) is then written to the result register.
 *   <li>Failure handler: when the plan has one, a failing SYS writes its op index and errno as two 8-byte words at
 *       the failure record's offset + 8 and + 16 (the first word is the compiler's: a message tag) and continues at
 *       the handler instead of ending the run. In the child the handler reports the record on the status pipe and
 *       calls exit_group; the parent's run of the same plan never reaches it.
 *   <li>STORE writes the register's 8 bytes little-endian at base + offset (8-byte aligned, checked by Plan).
 * </ul>
 */
public final class PlanEncoding {
    public static final long MAGIC = 0x314e_4c50_4e55_524aL; // "JRUNPLN1" read little-endian
    public static final int HEADER = 6;
    public static final int WIDTH = 12;

    public static final int H_MAGIC = 0;
    public static final int H_WIDTH = 1;
    public static final int H_OPS = 2;
    public static final int H_REGISTERS = 3;
    public static final int H_FAIL_TARGET = 4;
    public static final int H_FAIL_RECORD = 5;

    public static final int SYS = 1;
    public static final int STORE = 2;
    public static final int JUMP_IF = 3;
    public static final int EXIT = 4;

    public static final int KIND_IMM = 0;
    public static final int KIND_ARENA = 1;
    public static final int KIND_REG = 2;

    public static final int COND_EQ = 0;
    public static final int COND_NE = 1;
    public static final int COND_LT = 2;

    public static final long NO_REGISTER = -1;

    /** Word offsets inside a record. */
    public static final int W_OP = 0;
    public static final int W_NR = 1;
    public static final int W_ARGS = 2;
    public static final int W_RESULT = 8;
    public static final int W_EXPECTED = 9;
    public static final int EXPECTED_WORDS = 3;
    public static final int EXPECTED_ERRNO_BITS = 64 * EXPECTED_WORDS;

    private PlanEncoding() {}

    static long[] encode(Plan plan) {
        List<Op> ops = plan.ops();
        long[] code = new long[HEADER + ops.size() * WIDTH];
        code[H_MAGIC] = MAGIC;
        code[H_WIDTH] = WIDTH;
        code[H_OPS] = ops.size();
        code[H_REGISTERS] = plan.registerCount();
        code[H_FAIL_TARGET] = plan.failureHandler();
        code[H_FAIL_RECORD] = plan.failureRecord();
        for (int i = 0; i < ops.size(); i++) {
            encodeOp(ops.get(i), code, HEADER + i * WIDTH);
        }
        return code;
    }

    private static void encodeOp(Op op, long[] code, int at) {
        switch (op) {
            case Op.Sys sys -> {
                long kinds = 0;
                for (int n = 0; n < sys.args().size(); n++) {
                    Arg arg = sys.args().get(n);
                    int kind = switch (arg) {
                        case Arg.Imm imm -> {
                            code[at + W_ARGS + n] = imm.value();
                            yield KIND_IMM;
                        }
                        case Arg.ArenaAddr addr -> {
                            code[at + W_ARGS + n] = addr.offset();
                            yield KIND_ARENA;
                        }
                        case Arg.Reg reg -> {
                            code[at + W_ARGS + n] = reg.index();
                            yield KIND_REG;
                        }
                    };
                    kinds |= (long) kind << (8 + 2 * n);
                }
                code[at + W_OP] = SYS | kinds;
                code[at + W_NR] = sys.nr();
                code[at + W_RESULT] = sys.result().map(r -> (long) r.index()).orElse(NO_REGISTER);
                for (int errno : sys.expectedErrnos()) {
                    code[at + W_EXPECTED + (errno - 1) / 64] |= 1L << ((errno - 1) % 64);
                }
            }
            case Op.Store store -> {
                code[at + W_OP] = STORE;
                code[at + 1] = store.reg().index();
                code[at + 2] = store.arenaOffset();
            }
            case Op.JumpIf jump -> {
                int cond = switch (jump.condition()) {
                    case EQ -> COND_EQ;
                    case NE -> COND_NE;
                    case LT -> COND_LT;
                };
                code[at + W_OP] = JUMP_IF | ((long) cond << 8);
                code[at + 1] = jump.reg().index();
                code[at + 2] = jump.imm();
                code[at + 3] = jump.target();
            }
            case Op.Exit exit -> {
                code[at + W_OP] = EXIT;
                code[at + 1] = exit.code();
            }
        }
    }
}
