package dev.jrun.linux.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.SyscallNumbers;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;

/**
 * The few raw syscalls the parent makes around a container (pipes, polling, fifos, signals, reaping), in the
 * ordinary JVM: it may allocate and throw. Each failure is a {@link KernelException} that names the call.
 */
public final class Kernel {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 04000;
    public static final int O_CLOEXEC = 02000000;
    private static final long AT_FDCWD = -100;
    private static final int S_IFIFO = 0010000;
    private static final short POLLIN = 1;
    private static final int WNOHANG = 1;
    private static final int PR_SET_CHILD_SUBREAPER = 36;

    private Kernel() {}

    /** A pipe with both ends close-on-exec: {read, write}. */
    public static int[] pipe() {
        try (Memory fds = new Memory(8)) {
            check("pipe2", LinuxSyscalls.invoke(SyscallNumbers.PIPE2, Pointer.nativeValue(fds), O_CLOEXEC, 0, 0, 0, 0));
            return new int[] {fds.getInt(0), fds.getInt(4)};
        }
    }

    public static void close(int fd) {
        if (fd >= 0) {
            LinuxSyscalls.invoke(SyscallNumbers.CLOSE, fd, 0, 0, 0, 0, 0);
        }
    }

    public static int open(String path, int flags) {
        try (Memory p = cString(path)) {
            long fd = LinuxSyscalls.invoke(SyscallNumbers.OPENAT, AT_FDCWD, Pointer.nativeValue(p), flags, 0, 0, 0);
            return (int) check("open " + path, fd);
        }
    }

    public static void mkfifo(String path, int mode) {
        try (Memory p = cString(path)) {
            check("mkfifo " + path, LinuxSyscalls.invoke(SyscallNumbers.MKNODAT, AT_FDCWD, Pointer.nativeValue(p),
                    S_IFIFO | mode, 0, 0, 0));
        }
    }

    /** Writes all of {@code data}; a pipe or fifo write of up to 4096 bytes is one atomic write. */
    public static void write(int fd, byte[] data, String what) {
        try (Memory buf = new Memory(Math.max(1, data.length))) {
            buf.write(0, data, 0, data.length);
            long n = LinuxSyscalls.invoke(SyscallNumbers.WRITE, fd, Pointer.nativeValue(buf), data.length, 0, 0, 0);
            check(what, n);
            if (n != data.length) {
                throw new KernelException(what + " (short write of " + n + " of " + data.length + " bytes)", Errno.EIO.code());
            }
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for {@code fd} to be readable (or at EOF). Returns false on timeout. EINTR
     * is retried with the full timeout again, which only lengthens a wait that signals keep interrupting.
     */
    public static boolean pollReadable(int fd, int timeoutMillis) {
        try (Memory pfd = new Memory(8)) {
            pfd.setInt(0, fd);
            pfd.setShort(4, POLLIN);
            pfd.setShort(6, (short) 0);
            while (true) {
                long n = LinuxSyscalls.invoke(SyscallNumbers.POLL, Pointer.nativeValue(pfd), 1, timeoutMillis, 0, 0, 0);
                if (n == Errno.EINTR.negative()) {
                    continue;
                }
                check("poll", n);
                return n > 0;
            }
        }
    }

    /** Reads up to {@code buffer.length} bytes; 0 is EOF. Retries EINTR. */
    public static int read(int fd, byte[] buffer, String what) {
        try (Memory buf = new Memory(buffer.length)) {
            while (true) {
                long n = LinuxSyscalls.invoke(SyscallNumbers.READ, fd, Pointer.nativeValue(buf), buffer.length, 0, 0, 0);
                if (n == Errno.EINTR.negative()) {
                    continue;
                }
                check(what, n);
                buf.read(0, buffer, 0, (int) n);
                return (int) n;
            }
        }
    }

    /** kill(2); returns the raw result (0, or -errno) so callers decide what ESRCH means to them. */
    public static long kill(int pid, int signal) {
        return LinuxSyscalls.invoke(SyscallNumbers.KILL, pid, signal, 0, 0, 0, 0);
    }

    /**
     * Waits for the child {@code pid} and returns its raw wait status; with {@code noHang}, -1 while it still
     * runs. ECHILD (not our child, or already reaped) is a {@link KernelException}.
     */
    public static int waitpid(int pid, boolean noHang) {
        try (Memory status = new Memory(4)) {
            status.setInt(0, 0);
            while (true) {
                long r = LinuxSyscalls.invoke(SyscallNumbers.WAIT4, pid, Pointer.nativeValue(status), noHang ? WNOHANG : 0,
                        0, 0, 0);
                if (r == Errno.EINTR.negative()) {
                    continue;
                }
                check("wait for process " + pid, r);
                return r == 0 ? -1 : status.getInt(0);
            }
        }
    }

    /** Makes this process the reaper of orphaned descendants, so a container init that is a grandchild can be waited for. */
    public static void becomeSubreaper() {
        check("prctl(PR_SET_CHILD_SUBREAPER)", LinuxSyscalls.invoke(SyscallNumbers.PRCTL, PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0, 0));
    }

    /** A wait status as a shell would show it: the exit code, or 128+N for signal N. */
    public static int exitCodeOf(int waitStatus) {
        int signal = waitStatus & 0x7f;
        return signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal;
    }

    /** How a wait status reads in a message: "exit status 3", "signal 9 (killed)". */
    public static String describe(int waitStatus) {
        int signal = waitStatus & 0x7f;
        return signal == 0 ? "exit status " + ((waitStatus >> 8) & 0xff) : "killed by signal " + signal;
    }

    private static long check(String what, long result) {
        if (result < 0) {
            throw new KernelException(what, (int) -result);
        }
        return result;
    }

    private static Memory cString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(utf8.length + 1);
        m.write(0, utf8, 0, utf8.length);
        m.setByte(utf8.length, (byte) 0);
        Reference.reachabilityFence(m);
        return m;
    }
}
