package dev.jrun.linux.cgroup.devices;

/**
 * The few eBPF instructions a device filter needs, each encoded as the kernel's 8-byte {@code struct bpf_insn}
 * packed into a long in little-endian field order: opcode (bits 0-7), dst register (8-11), src register (12-15),
 * signed 16-bit offset (16-31), signed 32-bit immediate (32-63). Written to memory as a little-endian long, this is
 * exactly the struct's byte layout on x86_64.
 */
final class Insn {
    // Instruction classes and modifiers from linux/bpf_common.h and linux/bpf.h.
    static final int LDX = 0x01;
    static final int ALU = 0x04; // 32-bit ALU: results are zero-extended to 64 bits
    static final int JMP = 0x05;
    static final int JMP32 = 0x06; // compares the low 32 bits only
    static final int MEM = 0x60;
    static final int W = 0x00;
    static final int K = 0x00;
    static final int X = 0x08;
    static final int AND = 0x50;
    static final int RSH = 0x70;
    static final int MOV = 0xb0;
    static final int JNE = 0x50;
    static final int EXIT = 0x90;

    private Insn() {}

    static long encode(int opcode, int dst, int src, int off, int imm) {
        return (opcode & 0xffL) | ((dst & 0xfL) << 8) | ((src & 0xfL) << 12) | ((off & 0xffffL) << 16)
                | ((long) imm << 32);
    }

    static int opcode(long insn) {
        return (int) (insn & 0xff);
    }

    static int dst(long insn) {
        return (int) ((insn >> 8) & 0xf);
    }

    static int src(long insn) {
        return (int) ((insn >> 12) & 0xf);
    }

    static int off(long insn) {
        return (short) (insn >> 16);
    }

    static int imm(long insn) {
        return (int) (insn >> 32);
    }

    /** dst = *(u32 *)(src + off) */
    static long loadWord(int dst, int src, int off) {
        return encode(LDX | MEM | W, dst, src, off, 0);
    }

    static long and32(int dst, int imm) {
        return encode(ALU | AND | K, dst, 0, 0, imm);
    }

    static long rsh32(int dst, int imm) {
        return encode(ALU | RSH | K, dst, 0, 0, imm);
    }

    static long mov32(int dst, int imm) {
        return encode(ALU | MOV | K, dst, 0, 0, imm);
    }

    static long mov32Reg(int dst, int src) {
        return encode(ALU | MOV | X, dst, src, 0, 0);
    }

    /** if ((u32) dst != (u32) imm) pc += off */
    static long jne32(int dst, int imm, int off) {
        return encode(JMP32 | JNE | K, dst, 0, off, imm);
    }

    /** if ((u32) dst != (u32) src) pc += off */
    static long jne32Reg(int dst, int src, int off) {
        return encode(JMP32 | JNE | X, dst, src, off, 0);
    }

    static long exit() {
        return encode(JMP | EXIT, 0, 0, 0, 0);
    }
}
