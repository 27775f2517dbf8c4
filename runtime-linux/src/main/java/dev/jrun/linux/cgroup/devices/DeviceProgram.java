package dev.jrun.linux.cgroup.devices;

import dev.jrun.core.spec.LinuxResources;
import java.nio.file.Path;
import java.util.List;

/**
 * cgroup v2 device control: the rules compiled to a BPF_PROG_TYPE_CGROUP_DEVICE program (built in Java), loaded and
 * attached to the cgroup with the bpf syscall, replacing any program jrun attached before.
 */
public final class DeviceProgram {
    private DeviceProgram() {}

    /** Installs {@code rules} (in listed order, the last matching rule wins as in runc; default deny) on {@code dir}. */
    public static void install(Path dir, List<LinuxResources.DeviceRule> rules) {
        throw new UnsupportedOperationException("DeviceProgram is being written");
    }
}
