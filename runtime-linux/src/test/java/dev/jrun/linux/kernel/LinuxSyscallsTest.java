package dev.jrun.linux.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.linux.plan.Arena;
import dev.jrun.linux.plan.ArenaBuilder;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.SyscallNumbers;
import org.junit.jupiter.api.Test;

class LinuxSyscallsTest {
    static final int PIPE2 = 293;
    static final long O_CLOEXEC = 0x80000;

    @Test
    void getpidIsThisProcess() {
        assertEquals(ProcessHandle.current().pid(), LinuxSyscalls.invoke(SyscallNumbers.GETPID, 0, 0, 0, 0, 0, 0));
        assertEquals(ProcessHandle.current().pid(),
                LinuxSyscalls.INSTANCE.syscall(SyscallNumbers.GETPID, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void readOnABadFdIsMinusEbadf() {
        assertEquals(-9, LinuxSyscalls.invoke(SyscallNumbers.READ, -1, 0, 0, 0, 0, 0));
        assertEquals(Errno.EBADF.negative(), LinuxSyscalls.invoke(SyscallNumbers.CLOSE, 1 << 30, 0, 0, 0, 0, 0));
    }

    @Test
    void anotherErrnoIsNotConfusedWithTheLastOne() {
        // A stale or lost errno would show as the previous call's value or as -(-1).
        assertEquals(-9, LinuxSyscalls.invoke(SyscallNumbers.READ, -1, 0, 0, 0, 0, 0));
        assertEquals(Errno.ENOSYS.negative(), LinuxSyscalls.invoke(100_000, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void bytesWrittenToAPipeComeBackOut() {
        ArenaBuilder b = new ArenaBuilder();
        int fds = b.slot(); // int[2]
        int message = b.string("through the kernel");
        int buffer = b.bytes(new byte[32], 8);
        Arena image = b.build();
        try (NativeArena arena = NativeArena.load(image)) {
            assertEquals(0, LinuxSyscalls.invoke(PIPE2, arena.address(fds), O_CLOEXEC, 0, 0, 0, 0));
            long pair = arena.readLong(fds);
            int readFd = (int) pair;
            int writeFd = (int) (pair >>> 32);
            assertTrue(readFd > 2 && writeFd > 2 && readFd != writeFd, "pipe fds " + readFd + ", " + writeFd);
            try {
                int length = "through the kernel".length();
                assertEquals(length, LinuxSyscalls.invoke(SyscallNumbers.WRITE, writeFd, arena.address(message),
                        length, 0, 0, 0));
                assertEquals(length, LinuxSyscalls.invoke(SyscallNumbers.READ, readFd, arena.address(buffer), 32,
                        0, 0, 0));
                assertEquals("through the kernel", arena.readCString(buffer));
            } finally {
                assertEquals(0, LinuxSyscalls.invoke(SyscallNumbers.CLOSE, readFd, 0, 0, 0, 0, 0));
                assertEquals(0, LinuxSyscalls.invoke(SyscallNumbers.CLOSE, writeFd, 0, 0, 0, 0, 0));
            }
            assertNotEquals(0, arena.address());
        }
    }
}
