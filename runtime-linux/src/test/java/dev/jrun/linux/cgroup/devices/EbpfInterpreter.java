package dev.jrun.linux.cgroup.devices;

/**
 * Runs a device filter on a {@code struct bpf_cgroup_dev_ctx}, understanding exactly the instructions
 * {@link DeviceFilter} is meant to emit and refusing anything else, as well as what the kernel verifier would refuse
 * in them: reading a register never written, loading from anything but the context at offsets 0, 4 or 8, a jump
 * backwards or out of the program, falling off the end, or returning with R0 unset.
 */
final class EbpfInterpreter {
    private static final long UNSET = Long.MIN_VALUE;
    private static final long CONTEXT = Long.MIN_VALUE + 1; // the pointer in R1 on entry

    private EbpfInterpreter() {}

    /** Returns R0 at exit. */
    static long run(long[] program, int deviceType, int access, long major, long minor) {
        int[] ctx = {(access << 16) | deviceType, (int) major, (int) minor};
        long[] r = new long[11];
        java.util.Arrays.fill(r, UNSET);
        r[1] = CONTEXT;
        int pc = 0;
        while (true) {
            if (pc < 0 || pc >= program.length) {
                throw new IllegalStateException("pc " + pc + " is outside the program (" + program.length + " insns)");
            }
            long insn = program[pc];
            int op = Insn.opcode(insn);
            int dst = Insn.dst(insn);
            int src = Insn.src(insn);
            int off = Insn.off(insn);
            int imm = Insn.imm(insn);
            pc++;
            switch (op) {
                case 0x61 -> { // ldxw dst, [src + off]
                    if (r[src] != CONTEXT || (off != 0 && off != 4 && off != 8)) {
                        throw new IllegalStateException("load from r" + src + "+" + off + " is not a context field");
                    }
                    if (imm != 0) {
                        throw new IllegalStateException("load with an immediate at " + (pc - 1));
                    }
                    r[dst] = Integer.toUnsignedLong(ctx[off / 4]);
                }
                case 0x54 -> r[dst] = Integer.toUnsignedLong((int) scalar(r, dst) & imm); // and32 dst, imm
                case 0x74 -> r[dst] = Integer.toUnsignedLong((int) scalar(r, dst)) >>> (imm & 31); // rsh32 dst, imm
                case 0xb4 -> r[dst] = Integer.toUnsignedLong(imm); // mov32 dst, imm
                case 0xbc -> r[dst] = Integer.toUnsignedLong((int) scalar(r, src)); // mov32 dst, src
                case 0x56 -> pc = jump(pc, off, program, (int) scalar(r, dst) != imm); // jne32 dst, imm
                case 0x5e -> pc = jump(pc, off, program, (int) scalar(r, dst) != (int) scalar(r, src)); // jne32 dst, src
                case 0x95 -> { // exit
                    return scalar(r, 0);
                }
                default -> throw new IllegalStateException(
                        "opcode 0x" + Integer.toHexString(op) + " at " + (pc - 1) + " is not one a device filter uses");
            }
        }
    }

    private static long scalar(long[] r, int reg) {
        if (reg > 10 || r[reg] == UNSET) {
            throw new IllegalStateException("r" + reg + " is read before it is written");
        }
        if (r[reg] == CONTEXT) {
            throw new IllegalStateException("r" + reg + " holds the context pointer, not a number");
        }
        return r[reg];
    }

    private static int jump(int pc, int off, long[] program, boolean taken) {
        if (off < 0 || pc + off >= program.length) {
            throw new IllegalStateException("jump by " + off + " at " + (pc - 1) + " is backwards or out of the program");
        }
        return taken ? pc + off : pc;
    }
}
