package dev.jrun.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The configs {@code jrun spec} prints: runc 1.1.5's {@code runc spec} output, with our ociVersion and hostname.
 * Kept value-for-value identical to runc so that scripts which patch runc's template with jq keep working.
 */
public final class DefaultSpecs {
    public static final String OCI_VERSION = "1.2.1";
    public static final String HOSTNAME = "jrun";

    private static final List<String> CAPS = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

    private DefaultSpecs() {
    }

    public static Spec standard() {
        return spec(mounts(false), new Linux(null, null, null,
                new LinuxResources(List.of(new LinuxResources.DeviceRule(false, null, null, null, "rwm")),
                        null, null, null, null, null, null, null, null),
                null, namespaces("pid", "network", "ipc", "uts", "mount"), null, null, null,
                maskedPaths(), readonlyPaths(), null, null, null, null, null, null));
    }

    /**
     * Like runc's --rootless: a user namespace mapping root to the caller, no network namespace (an unprivileged
     * user could not configure one), /sys bind-mounted because sysfs cannot be mounted there, and no device cgroup.
     */
    public static Spec rootless(long uid, long gid) {
        return spec(mounts(true), new Linux(
                List.of(new IdMapping(0L, uid, 1L)), List.of(new IdMapping(0L, gid, 1L)), null, null, null,
                namespaces("pid", "ipc", "uts", "mount", "user"), null, null, null,
                maskedPaths(), readonlyPaths(), null, null, null, null, null, null));
    }

    private static Spec spec(List<Mount> mounts, Linux linux) {
        Process process = new Process(true, null, new Process.User(0L, 0L, null, null, null), List.of("sh"), null,
                List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"), "/",
                new Process.Capabilities(CAPS, CAPS, null, CAPS, CAPS),
                List.of(new Process.Rlimit("RLIMIT_NOFILE", 1024L, 1024L)), true,
                null, null, null, null, null, null);
        return new Spec(OCI_VERSION, process, new Root("rootfs", true), HOSTNAME, null, mounts, null, null, linux);
    }

    private static List<Mount> mounts(boolean rootless) {
        List<String> devpts = new ArrayList<>(List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"));
        if (!rootless) {
            // gid 5 (tty) need not exist in a rootless user namespace.
            devpts.add("gid=5");
        }
        Mount sys = rootless
                ? mount("/sys", "none", "/sys", "rbind", "nosuid", "noexec", "nodev", "ro")
                : mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro");
        return List.of(
                new Mount("/proc", "proc", "proc", null, null, null),
                mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
                new Mount("/dev/pts", "devpts", "devpts", List.copyOf(devpts), null, null),
                mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"),
                mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
                sys,
                mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro"));
    }

    private static Mount mount(String destination, String type, String source, String... options) {
        return new Mount(destination, type, source, List.of(options), null, null);
    }

    private static List<Linux.Namespace> namespaces(String... types) {
        List<Linux.Namespace> result = new ArrayList<>();
        for (String type : types) {
            result.add(new Linux.Namespace(type, null));
        }
        return List.copyOf(result);
    }

    private static List<String> maskedPaths() {
        return List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi");
    }

    private static List<String> readonlyPaths() {
        return List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");
    }
}
