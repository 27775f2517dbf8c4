package dev.jrun.linux.cgroup.devices;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.jrun.linux.kernel.Kernel;
import dev.jrun.linux.kernel.LinuxSyscalls;
import dev.jrun.linux.plan.PlanErrors;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * The bpf(2) commands device control needs. Each builds its {@code union bpf_attr} in a zeroed 128-byte block (the
 * kernel requires every byte past the fields it knows to be zero) with the fields at their offsets in
 * linux/bpf.h, and returns the kernel's result or throws with the errno text, prefixed by {@code failure}.
 */
final class Bpf {
    static final int SYS_BPF = 321; // x86_64
    static final int CMD_PROG_LOAD = 5;
    static final int CMD_PROG_ATTACH = 8;
    static final int CMD_PROG_DETACH = 9;
    static final int CMD_PROG_GET_FD_BY_ID = 13;
    static final int CMD_PROG_QUERY = 16;
    static final int PROG_TYPE_CGROUP_DEVICE = 15;
    static final int ATTACH_CGROUP_DEVICE = 6;
    static final int F_ALLOW_MULTI = 2;
    static final int F_REPLACE = 4;
    static final int EINVAL = 22;
    private static final int ATTR_SIZE = 128;
    private static final int LOG_SIZE = 64 * 1024;

    /** Thrown with the syscall's errno; {@code log} is the verifier's output for a rejected program, else empty. */
    static final class Failure extends RuntimeException {
        final int errno;

        Failure(String what, int errno, String log) {
            super(what + ": " + PlanErrors.errno(errno) + (log.isBlank() ? "" : "; verifier log:\n" + log.strip()));
            this.errno = errno;
        }
    }

    private Bpf() {}

    /** Loads {@code insns} as a cgroup device program; returns its fd. */
    static int loadDeviceProgram(long[] insns, String license) {
        byte[] lic = (license + "\0").getBytes(StandardCharsets.US_ASCII);
        try (Memory attr = attr(); Memory code = new Memory(insns.length * 8L); Memory licence = new Memory(lic.length);
                Memory log = new Memory(LOG_SIZE)) {
            for (int i = 0; i < insns.length; i++) {
                code.setLong(i * 8L, insns[i]); // little-endian host: the struct bpf_insn bytes
            }
            licence.write(0, lic, 0, lic.length);
            log.clear();
            attr.setInt(0, PROG_TYPE_CGROUP_DEVICE); // prog_type
            attr.setInt(4, insns.length); // insn_cnt
            attr.setLong(8, Pointer.nativeValue(code)); // insns
            attr.setLong(16, Pointer.nativeValue(licence)); // license
            attr.setInt(24, 1); // log_level: the log is only filled when the verifier rejects
            attr.setInt(28, LOG_SIZE); // log_size
            attr.setLong(32, Pointer.nativeValue(log)); // log_buf
            long fd = bpf(CMD_PROG_LOAD, attr);
            if (fd < 0) {
                throw new Failure("bpf(BPF_PROG_LOAD)", (int) -fd, log.getString(0, StandardCharsets.UTF_8.name()));
            }
            return (int) fd;
        }
    }

    static void attach(int cgroupFd, int progFd) {
        check("bpf(BPF_PROG_ATTACH)", attach(cgroupFd, progFd, -1));
    }

    /**
     * Attaches {@code progFd} in place of {@code oldFd} in one step (BPF_F_REPLACE, kernel 5.6+); returns the raw
     * result, -EINVAL where the kernel has no BPF_F_REPLACE.
     */
    static long replace(int cgroupFd, int progFd, int oldFd) {
        return attach(cgroupFd, progFd, oldFd);
    }

    private static long attach(int cgroupFd, int progFd, int replacedFd) {
        try (Memory attr = attr()) {
            attr.setInt(0, cgroupFd); // target_fd
            attr.setInt(4, progFd); // attach_bpf_fd
            attr.setInt(8, ATTACH_CGROUP_DEVICE); // attach_type
            attr.setInt(12, replacedFd < 0 ? F_ALLOW_MULTI : F_ALLOW_MULTI | F_REPLACE); // attach_flags
            if (replacedFd >= 0) {
                attr.setInt(16, replacedFd); // replace_bpf_fd
            }
            return bpf(CMD_PROG_ATTACH, attr);
        }
    }

    static void detach(int cgroupFd, int progFd) {
        try (Memory attr = attr()) {
            attr.setInt(0, cgroupFd);
            attr.setInt(4, progFd);
            attr.setInt(8, ATTACH_CGROUP_DEVICE);
            check("bpf(BPF_PROG_DETACH)", bpf(CMD_PROG_DETACH, attr));
        }
    }

    /** The ids of the device programs attached to the cgroup itself (not inherited ones). */
    static int[] query(int cgroupFd) {
        int capacity = 64;
        while (true) {
            try (Memory attr = attr(); Memory ids = new Memory(capacity * 4L)) {
                attr.setInt(0, cgroupFd); // target_fd
                attr.setInt(4, ATTACH_CGROUP_DEVICE); // attach_type
                attr.setLong(16, Pointer.nativeValue(ids)); // prog_ids
                attr.setInt(24, capacity); // prog_cnt: in, the room; out, how many are attached
                long r = bpf(CMD_PROG_QUERY, attr);
                int count = attr.getInt(24);
                if (r < 0 && -r == 28 /* ENOSPC: more than room for */ && count > capacity) {
                    capacity = count;
                    continue;
                }
                check("bpf(BPF_PROG_QUERY)", r);
                return ids.getIntArray(0, count);
            }
        }
    }

    static int progFdById(int id) {
        try (Memory attr = attr()) {
            attr.setInt(0, id); // prog_id
            return (int) check("bpf(BPF_PROG_GET_FD_BY_ID " + id + ")", bpf(CMD_PROG_GET_FD_BY_ID, attr));
        }
    }

    static int openDirectory(String dir) {
        int fd;
        try {
            fd = Kernel.open(dir, 0200000 /* O_DIRECTORY */ | Kernel.O_RDONLY | Kernel.O_CLOEXEC);
        } catch (dev.jrun.linux.kernel.KernelException e) {
            throw new Failure("open", e.errno(), "");
        }
        return fd;
    }

    /** Runs {@code body} with an fd it owns, closing it after. */
    static <T> T withFd(int fd, IntFunction<T> body) {
        try {
            return body.apply(fd);
        } finally {
            Kernel.close(fd);
        }
    }

    private static Memory attr() {
        Memory attr = new Memory(ATTR_SIZE);
        attr.clear();
        return attr;
    }

    private static long bpf(int cmd, Memory attr) {
        return LinuxSyscalls.invoke(SYS_BPF, cmd, Pointer.nativeValue(attr), ATTR_SIZE, 0, 0, 0);
    }

    private static long check(String what, long result) {
        if (result < 0) {
            throw new Failure(what, (int) -result, "");
        }
        return result;
    }
}
