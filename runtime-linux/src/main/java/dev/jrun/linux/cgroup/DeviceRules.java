package dev.jrun.linux.cgroup;

import dev.jrun.core.spec.LinuxResources;
import dev.jrun.core.spec.LinuxResources.DeviceRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The device rules a container's cgroup gets: those of {@code linux.resources.devices} in order, then runc's
 * default allowed devices (mknod of any node; null, zero, full, random, urandom, tty, ptmx, /dev/pts/*, tun). As in
 * runc 1.1.5, the nodes of {@code linux.devices} are not allowed implicitly: a config that denies all must allow
 * them itself (checked on this host: runc's devices.list for such a config lacks them).
 */
public final class DeviceRules {
    private static final List<DeviceRule> ALLOWED = List.of(
            rule("c", null, null, "m"),
            rule("b", null, null, "m"),
            rule("c", 1L, 3L, "rwm"),    // null
            rule("c", 1L, 8L, "rwm"),    // random
            rule("c", 1L, 7L, "rwm"),    // full
            rule("c", 5L, 0L, "rwm"),    // tty
            rule("c", 1L, 5L, "rwm"),    // zero
            rule("c", 1L, 9L, "rwm"),    // urandom
            rule("c", 136L, null, "rwm"), // pts
            rule("c", 5L, 2L, "rwm"),    // ptmx
            rule("c", 10L, 200L, "rwm")); // tun

    private DeviceRules() {}

    public static List<DeviceRule> effective(LinuxResources resources) {
        List<DeviceRule> rules = new ArrayList<>();
        if (resources != null && resources.devices() != null) {
            rules.addAll(resources.devices());
        }
        rules.addAll(ALLOWED);
        return rules;
    }

    /** {@code resources} with its device list replaced by the effective one (a resources object if there was none). */
    public static LinuxResources withEffectiveDevices(LinuxResources r) {
        List<DeviceRule> devices = effective(r);
        if (r == null) {
            return new LinuxResources(devices, null, null, null, null, null, null, null, null);
        }
        return new LinuxResources(devices, r.memory(), r.cpu(), r.pids(), r.blockIO(), r.hugepageLimits(),
                r.network(), r.rdma(), r.unified());
    }

    private static DeviceRule rule(String type, Long major, Long minor, String access) {
        return new DeviceRule(true, type, major, minor, access);
    }
}
