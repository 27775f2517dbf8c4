package dev.jrun.linux.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrun.linux.plan.ArenaBuilder;
import dev.jrun.linux.plan.SyscallNumbers;

/** A real pipe made with pipe2 through {@link LinuxSyscalls}, for tests that need a plan to write somewhere. */
final class Pipe implements AutoCloseable {
    final int readFd;
    final int writeFd;
    private final NativeArena buffer;

    Pipe() {
        ArenaBuilder b = new ArenaBuilder();
        b.bytes(new byte[64], 8);
        buffer = NativeArena.load(b.build());
        assertEquals(0, LinuxSyscalls.invoke(LinuxSyscallsTest.PIPE2, buffer.address(),
                LinuxSyscallsTest.O_CLOEXEC | 0x800 /* O_NONBLOCK: an empty pipe says EAGAIN, not hang */, 0, 0, 0, 0));
        long pair = buffer.readLong(0);
        readFd = (int) pair;
        writeFd = (int) (pair >>> 32);
    }

    /** Reads up to 64 bytes; returns the raw result and leaves the bytes at offset 0 of the buffer. */
    long read() {
        return LinuxSyscalls.invoke(SyscallNumbers.READ, readFd, buffer.address(), 64, 0, 0, 0);
    }

    long readLong() {
        assertEquals(8, read(), "one 8-byte word in the pipe");
        return buffer.readLong(0);
    }

    @Override
    public void close() {
        LinuxSyscalls.invoke(SyscallNumbers.CLOSE, readFd, 0, 0, 0, 0, 0);
        LinuxSyscalls.invoke(SyscallNumbers.CLOSE, writeFd, 0, 0, 0, 0, 0);
        buffer.close();
    }
}
