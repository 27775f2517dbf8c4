package dev.jrun.linux.plan;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The exact words the native executor will read; change these only together with the executor. */
class PlanEncodingTest {

    @Test
    void encodesEveryOpKindAsDocumented() {
        PlanBuilder b = new PlanBuilder();
        int path = b.arena().string("/etc/hosts");   // 0
        int slot = b.arena().slot();                  // 16
        Arg.Reg fd = b.register();
        Arg.Reg copy = b.register();
        Label missing = b.label("missing");
        b.sys("open /etc/hosts", SyscallNumbers.OPENAT, imm(-100), addr(path), imm(0x80000))
                .into(fd)
                .expecting(Errno.ENOENT, Errno.EOPNOTSUPP, Errno.EKEYREJECTED);
        b.jumpIf("skip if missing", fd, Condition.LT, 0, missing);
        b.store("keep fd", fd, slot);
        b.sys("dup fd", SyscallNumbers.DUP3, fd, imm(10), imm(0)).into(copy);
        b.bind(missing);
        b.exit("done", 3);
        long[] code = b.build().encode();

        assertEquals(PlanEncoding.HEADER + 5 * PlanEncoding.WIDTH, code.length);
        assertArrayEquals(new long[] {PlanEncoding.MAGIC, 12, 5, 2}, Arrays.copyOfRange(code, 0, 4));
        assertEquals("JRUNPLN1", new String(java.nio.ByteBuffer.allocate(8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(PlanEncoding.MAGIC).array(),
                java.nio.charset.StandardCharsets.US_ASCII));
        // SYS openat: kinds imm, arena, imm = 0b00_01_00 << 8; result r0; ENOENT=2 -> bit 1, EOPNOTSUPP=95 -> bit
        // 94-64=30 of word 10, EKEYREJECTED=129 -> bit 0 of word 11.
        assertArrayEquals(new long[] {1 | (0b0100L << 8), 257, -100, 0, 0x80000, 0, 0, 0, 0, 1L << 1, 1L << 30, 1L},
                record(code, 0));
        assertArrayEquals(new long[] {3 | (2L << 8), 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0}, record(code, 1));
        assertArrayEquals(new long[] {2, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0}, record(code, 2));
        // SYS dup3: kinds reg, imm, imm = 0b10 << 8; result r1; no expected errnos.
        assertArrayEquals(new long[] {1 | (0b10L << 8), 292, 0, 10, 0, 0, 0, 0, 1, 0, 0, 0}, record(code, 3));
        assertArrayEquals(new long[] {4, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, record(code, 4));
    }

    @Test
    void syscallWithoutResultRegisterSaysSo() {
        PlanBuilder b = new PlanBuilder();
        b.sys("close 3", SyscallNumbers.CLOSE, imm(3));
        b.exit("done", 0);
        long[] op = record(b.build().encode(), 0);
        assertEquals(PlanEncoding.NO_REGISTER, op[PlanEncoding.W_RESULT]);
        assertEquals(PlanEncoding.SYS, op[PlanEncoding.W_OP]);
    }

    private static long[] record(long[] code, int op) {
        int at = PlanEncoding.HEADER + op * PlanEncoding.WIDTH;
        return Arrays.copyOfRange(code, at, at + PlanEncoding.WIDTH);
    }
}
