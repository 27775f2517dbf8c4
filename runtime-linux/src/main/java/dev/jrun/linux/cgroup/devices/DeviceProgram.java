package dev.jrun.linux.cgroup.devices;

import dev.jrun.core.spec.LinuxResources;
import dev.jrun.linux.cgroup.CgroupException;
import java.nio.file.Path;
import java.util.List;

/**
 * cgroup v2 device control: the rules compiled to a BPF_PROG_TYPE_CGROUP_DEVICE program (built in Java), loaded and
 * attached to the cgroup with the bpf syscall, replacing any program attached there before.
 *
 * <p>Replacement follows runc: note the programs attached now; if there is exactly one, swap the new one in for it
 * atomically (BPF_F_REPLACE); otherwise (or on a kernel without BPF_F_REPLACE) attach the new one alongside them
 * (BPF_F_ALLOW_MULTI: the kernel runs all of them and an access needs every one to allow it) and then detach the old
 * ones. Either way there is no moment without a program, so an {@code update} never briefly opens up devices.
 */
public final class DeviceProgram {
    static final String LICENSE = "Apache";

    private DeviceProgram() {}

    /**
     * Installs {@code rules} on {@code dir}: applied in listed order as runc 1.1.5 applies them (see
     * {@link DeviceRuleset}: a later rule overrides an earlier one for the access it names, an "a" rule resets to
     * allow-all or deny-all, no rules at all means deny everything).
     */
    public static void install(Path dir, List<LinuxResources.DeviceRule> rules) {
        long[] program = DeviceFilter.compile(DeviceRuleset.of(rules == null ? List.of() : rules));
        try {
            int progFd = Bpf.loadDeviceProgram(program, LICENSE);
            Bpf.withFd(progFd, p -> Bpf.withFd(Bpf.openDirectory(dir.toString()), cgroup -> {
                int[] old = Bpf.query(cgroup);
                if (old.length == 1 && Bpf.withFd(Bpf.progFdById(old[0]), oldFd -> replaced(cgroup, p, oldFd))) {
                    return null;
                }
                Bpf.attach(cgroup, p);
                for (int id : old) {
                    Bpf.withFd(Bpf.progFdById(id), oldFd -> {
                        Bpf.detach(cgroup, oldFd);
                        return null;
                    });
                }
                return null;
            }));
        } catch (Bpf.Failure e) {
            throw new CgroupException("linux.resources.devices: cannot install the device filter on cgroup " + dir
                    + ": " + e.getMessage() + hint(e.errno), e);
        }
    }

    private static boolean replaced(int cgroup, int progFd, int oldFd) {
        long r = Bpf.replace(cgroup, progFd, oldFd);
        if (r == -Bpf.EINVAL) {
            return false; // no BPF_F_REPLACE: attach and detach instead
        }
        if (r < 0) {
            throw new Bpf.Failure("bpf(BPF_PROG_ATTACH, BPF_F_REPLACE)", (int) -r, "");
        }
        return true;
    }

    private static String hint(int errno) {
        return switch (errno) {
            case 1 -> " (loading BPF programs needs CAP_SYS_ADMIN or CAP_BPF; before Linux 5.11 also RLIMIT_MEMLOCK room)";
            case 2 -> " (is the cgroup directory there?)";
            case 22 -> " (is it a cgroup v2 directory on a kernel with cgroup device programs?)";
            default -> "";
        };
    }
}
