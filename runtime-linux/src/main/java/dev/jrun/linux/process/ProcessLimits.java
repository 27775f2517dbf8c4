package dev.jrun.linux.process;

import com.sun.jna.Memory;
import dev.jrun.core.JrunException;
import dev.jrun.core.spec.Process;
import dev.jrun.core.spec.Uint64;
import dev.jrun.linux.kernel.KernelException;
import dev.jrun.linux.kernel.LinuxSyscalls;
import dev.jrun.linux.plan.SyscallNumbers;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the parent sets on the container process from outside while the child waits: rlimits (prlimit64 on its pid,
 * as runc's parent does with unix.Prlimit) and oom_score_adj (written to /proc/PID/oom_score_adj). Both are inherited
 * by the init and everything it starts.
 */
public final class ProcessLimits {
    private ProcessLimits() {}

    /**
     * Applies {@code process.rlimits} in config order, then {@code process.oomScoreAdj}.
     *
     * @throws JrunException naming the rlimit and the kernel's error, e.g. {@code setrlimit RLIMIT_NOFILE to
     *     1048576/1048576: EPERM (operation not permitted)} (soft/hard)
     */
    public static void apply(int pid, Process process) {
        List<Process.Rlimit> rlimits = process.rlimits() == null ? List.of() : process.rlimits();
        if (!rlimits.isEmpty()) {
            Memory limit = new Memory(16);
            try {
                for (Process.Rlimit r : rlimits) {
                    setRlimit(pid, r, limit);
                }
            } finally {
                // The kernel reads this memory during the call: keep it alive until the last one returned.
                Reference.reachabilityFence(limit);
            }
        }
        if (process.oomScoreAdj() != null) {
            writeOomScoreAdj(pid, process.oomScoreAdj());
        }
    }

    private static void setRlimit(int pid, Process.Rlimit r, Memory limit) {
        OptionalInt resource = RlimitResources.resource(r.type());
        if (resource.isEmpty()) {
            throw new JrunException("unknown rlimit type \"" + r.type() + "\" in process.rlimits");
        }
        long soft = r.soft() == null ? 0 : r.soft();
        long hard = r.hard() == null ? 0 : r.hard();
        // struct rlimit64 { __u64 rlim_cur; __u64 rlim_max; }
        limit.setLong(0, soft);
        limit.setLong(8, hard);
        long result = LinuxSyscalls.invoke(SyscallNumbers.PRLIMIT64, pid, resource.getAsInt(), com.sun.jna.Pointer.nativeValue(limit), 0, 0, 0);
        if (result < 0) {
            throw new KernelException("setrlimit " + r.type() + " to " + Uint64.toString(soft) + "/"
                    + Uint64.toString(hard), (int) -result);
        }
    }

    private static void writeOomScoreAdj(int pid, int value) {
        String path = "/proc/" + pid + "/oom_score_adj";
        try (FileOutputStream out = new FileOutputStream(path)) {
            out.write(Integer.toString(value).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new JrunException("set oom_score_adj to " + value + " (" + path + "): " + e.getMessage(), e);
        }
    }
}
