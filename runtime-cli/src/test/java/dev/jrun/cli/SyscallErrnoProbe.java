package dev.jrun.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A tiny static x86_64 executable that makes one syscall with every argument 0 and exits with the errno it got
 * (exit status = -return value, so a failing call's errno). It exists because no busybox applet makes a syscall
 * podman's profile leaves unlisted (add_key, request_key, io_uring_*, ... are what it leaves out), and a test of
 * the profile's default action needs one; hand-assembled so the tests need no compiler.
 */
final class SyscallErrnoProbe {
    static final int SYS_ADD_KEY = 248;

    private static final long LOAD_ADDRESS = 0x400000L;
    private static final int ELF_HEADER_SIZE = 64;
    private static final int PROGRAM_HEADER_SIZE = 56;

    private SyscallErrnoProbe() {
    }

    /** Writes the probe for syscall {@code number} to {@code file}, mode 0755. */
    static Path write(Path file, int number) throws IOException {
        byte[] code = code(number);
        int size = ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE + code.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        // ELF header: 64-bit, little endian, version 1, SysV ABI; ET_EXEC for EM_X86_64, no sections.
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
        b.putShort((short) 2).putShort((short) 0x3e).putInt(1);
        b.putLong(LOAD_ADDRESS + ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE); // entry: the code right after the headers
        b.putLong(ELF_HEADER_SIZE).putLong(0).putInt(0);
        b.putShort((short) ELF_HEADER_SIZE).putShort((short) PROGRAM_HEADER_SIZE).putShort((short) 1);
        b.putShort((short) 0).putShort((short) 0).putShort((short) 0);
        // One PT_LOAD, readable and executable, mapping the whole file at LOAD_ADDRESS.
        b.putInt(1).putInt(5).putLong(0).putLong(LOAD_ADDRESS).putLong(LOAD_ADDRESS);
        b.putLong(size).putLong(size).putLong(0x1000);
        b.put(code);
        Files.write(file, b.array());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static byte[] code(int number) {
        ByteBuffer c = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        c.put((byte) 0xb8).putInt(number); // mov eax, number
        c.put(new byte[] {
            0x31, (byte) 0xff, // xor edi, edi
            0x31, (byte) 0xf6, // xor esi, esi
            0x31, (byte) 0xd2, // xor edx, edx
            0x45, 0x31, (byte) 0xd2, // xor r10d, r10d
            0x45, 0x31, (byte) 0xc0, // xor r8d, r8d
            0x45, 0x31, (byte) 0xc9, // xor r9d, r9d
            0x0f, 0x05, // syscall
            (byte) 0xf7, (byte) 0xd8, // neg eax: -errno becomes errno
            (byte) 0x89, (byte) 0xc7, // mov edi, eax
            (byte) 0xb8, 60, 0, 0, 0, // mov eax, SYS_exit
            0x0f, 0x05 // syscall
        });
        byte[] out = new byte[c.position()];
        c.flip().get(out);
        return out;
    }
}
