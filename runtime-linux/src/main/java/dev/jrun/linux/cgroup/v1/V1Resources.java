package dev.jrun.linux.cgroup.v1;

import static dev.jrun.linux.cgroup.CgroupFiles.write;

import dev.jrun.core.spec.LinuxResources;
import dev.jrun.linux.cgroup.CgroupException;
import dev.jrun.linux.cgroup.CgroupFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes linux.resources into cgroup v1 files, as runc 1.1.5's fs manager does, except that a setting whose
 * controller is not mounted is an error (runc skips the controller without a word).
 */
final class V1Resources {
    private final Function<String, Path> dirOf; // controller name to directory, null when not mounted

    V1Resources(Function<String, Path> dirOf) {
        this.dirOf = dirOf;
    }

    void apply(LinuxResources r) {
        if (r == null) {
            return;
        }
        if (r.unified() != null && !r.unified().isEmpty()) {
            throw new CgroupException("linux.resources.unified: invalid configuration: cannot use unified on cgroup"
                    + " v1 (this host's controllers are v1; use the other linux.resources members)");
        }
        devices(r.devices());
        memory(r.memory());
        cpu(r.cpu());
        pids(r.pids());
        blockIo(r.blockIO());
        hugepages(r.hugepageLimits());
        network(r.network());
        rdma(r.rdma());
    }

    private Path dir(String controller, String setting) {
        Path d = dirOf.apply(controller);
        if (d == null) {
            throw new CgroupException(setting + ": the " + controller + " cgroup controller is not mounted on this"
                    + " host, so the setting cannot be enforced; remove it");
        }
        return d;
    }

    private void devices(List<LinuxResources.DeviceRule> rules) {
        if (rules == null) {
            return;
        }
        Path d = dir("devices", "linux.resources.devices");
        for (int i = 0; i < rules.size(); i++) {
            LinuxResources.DeviceRule rule = rules.get(i);
            String file = Boolean.TRUE.equals(rule.allow()) ? "devices.allow" : "devices.deny";
            write("linux.resources.devices[" + i + "]", d.resolve(file), line(rule));
        }
    }

    /** "c 1:3 rwm"; a rule of type "a" means every device, whatever its numbers, as in the kernel and runc. */
    static String line(LinuxResources.DeviceRule rule) {
        String type = rule.type() == null || rule.type().isEmpty() ? "a" : rule.type();
        if (type.equals("a")) {
            return "a";
        }
        String access = rule.access() == null || rule.access().isEmpty() ? "rwm" : rule.access();
        return type + " " + number(rule.major()) + ":" + number(rule.minor()) + " " + access;
    }

    private static String number(Long n) {
        return n == null || n < 0 ? "*" : Long.toString(n);
    }

    private void memory(LinuxResources.Memory m) {
        if (m == null) {
            return;
        }
        String at = "linux.resources.memory";
        boolean any = m.limit() != null || m.swap() != null || m.reservation() != null || m.swappiness() != null
                || Boolean.TRUE.equals(m.disableOOMKiller()) || m.useHierarchy() != null;
        // kernel and kernelTCP are skipped, as runc skips them (the kernel removed kmem limits); the callers warn.
        if (!any) {
            return;
        }
        Path d = dir("memory", at);
        Long limit = nonZero(m.limit());
        Long swap = nonZero(m.swap());
        if (limit != null && Boolean.TRUE.equals(m.checkBeforeUpdate()) && limit > 0) {
            long usage = CgroupFiles.number(d.resolve("memory.usage_in_bytes"));
            if (limit < usage) {
                throw new CgroupException(at + ".limit: " + limit + " is below the container's current memory usage ("
                        + usage + ", memory.usage_in_bytes) and checkBeforeUpdate is set");
            }
        }
        if (limit != null && swap != null) {
            // memsw must never be below the limit: raise the one that grows first (runc's setMemoryAndSwap).
            long current = CgroupFiles.number(d.resolve("memory.limit_in_bytes"));
            if (swap == -1 || current < swap) {
                writeMemory(at + ".swap", d.resolve("memory.memsw.limit_in_bytes"), swap);
                writeMemory(at + ".limit", d.resolve("memory.limit_in_bytes"), limit);
            } else {
                writeMemory(at + ".limit", d.resolve("memory.limit_in_bytes"), limit);
                writeMemory(at + ".swap", d.resolve("memory.memsw.limit_in_bytes"), swap);
            }
        } else if (limit != null) {
            writeMemory(at + ".limit", d.resolve("memory.limit_in_bytes"), limit);
        } else if (swap != null) {
            writeMemory(at + ".swap", d.resolve("memory.memsw.limit_in_bytes"), swap);
        }
        if (nonZero(m.reservation()) != null) {
            write(at + ".reservation", d.resolve("memory.soft_limit_in_bytes"), Long.toString(m.reservation()));
        }
        if (m.swappiness() != null) {
            long s = m.swappiness();
            if (s < 0 || s > 100) {
                throw new CgroupException(at + ".swappiness: invalid value " + Long.toUnsignedString(s)
                        + "; valid memory swappiness range is 0-100");
            }
            write(at + ".swappiness", d.resolve("memory.swappiness"), Long.toString(s));
        }
        if (Boolean.TRUE.equals(m.disableOOMKiller())) {
            write(at + ".disableOOMKiller", d.resolve("memory.oom_control"), "1");
        }
        if (m.useHierarchy() != null) {
            write(at + ".useHierarchy", d.resolve("memory.use_hierarchy"), m.useHierarchy() ? "1" : "0");
        }
    }

    private static void writeMemory(String setting, Path file, long value) {
        try {
            write(setting, file, Long.toString(value));
        } catch (CgroupException e) {
            if (e.getMessage().contains("device or resource busy") && file.getFileName().toString()
                    .equals("memory.limit_in_bytes")) {
                long usage = CgroupFiles.number(file.resolveSibling("memory.usage_in_bytes"));
                long peak = CgroupFiles.number(file.resolveSibling("memory.max_usage_in_bytes"));
                throw new CgroupException(e.getMessage() + " (the container already uses more memory than that:"
                        + " current usage " + usage + ", peak usage " + peak + "; raise the limit)", e);
            }
            throw e;
        }
    }

    private void cpu(LinuxResources.Cpu c) {
        if (c == null) {
            return;
        }
        String at = "linux.resources.cpu";
        if (nonZero(c.shares()) != null || nonZero(c.quota()) != null || nonZero(c.period()) != null
                || c.burst() != null || nonZero(c.realtimePeriod()) != null || nonZero(c.realtimeRuntime()) != null
                || c.idle() != null) {
            Path d = dir("cpu", at);
            if (nonZero(c.shares()) != null) {
                write(at + ".shares", d.resolve("cpu.shares"), Long.toString(c.shares()));
            }
            if (nonZero(c.period()) != null) {
                write(at + ".period", d.resolve("cpu.cfs_period_us"), Long.toString(c.period()));
            }
            if (nonZero(c.quota()) != null) {
                write(at + ".quota", d.resolve("cpu.cfs_quota_us"), Long.toString(c.quota()));
            }
            if (c.burst() != null) {
                write(at + ".burst", d.resolve("cpu.cfs_burst_us"), Long.toString(c.burst()));
            }
            if (nonZero(c.realtimePeriod()) != null) {
                write(at + ".realtimePeriod", d.resolve("cpu.rt_period_us"), Long.toString(c.realtimePeriod()));
            }
            if (nonZero(c.realtimeRuntime()) != null) {
                write(at + ".realtimeRuntime", d.resolve("cpu.rt_runtime_us"), Long.toString(c.realtimeRuntime()));
            }
            if (c.idle() != null) {
                write(at + ".idle", d.resolve("cpu.idle"), Long.toString(c.idle()));
            }
        }
        if (c.cpus() != null && !c.cpus().isEmpty()) {
            write(at + ".cpus", dir("cpuset", at + ".cpus").resolve("cpuset.cpus"), c.cpus());
        }
        if (c.mems() != null && !c.mems().isEmpty()) {
            write(at + ".mems", dir("cpuset", at + ".mems").resolve("cpuset.mems"), c.mems());
        }
    }

    private void pids(LinuxResources.Pids p) {
        if (p == null || p.limit() == null || p.limit() == 0) {
            return; // 0 is unset for runc's v1 manager
        }
        String value = p.limit() > 0 ? Long.toString(p.limit()) : "max";
        write("linux.resources.pids.limit", dir("pids", "linux.resources.pids").resolve("pids.max"), value);
    }

    private void blockIo(LinuxResources.BlockIo b) {
        if (b == null) {
            return;
        }
        String at = "linux.resources.blockIO";
        boolean any = b.weight() != null || b.leafWeight() != null || nonEmpty(b.weightDevice())
                || nonEmpty(b.throttleReadBpsDevice()) || nonEmpty(b.throttleWriteBpsDevice())
                || nonEmpty(b.throttleReadIOPSDevice()) || nonEmpty(b.throttleWriteIOPSDevice());
        if (!any) {
            return;
        }
        Path d = dir("blkio", at);
        // blkio.weight (CFQ) where it exists, else BFQ's blkio.bfq.weight, as runc picks.
        boolean cfq = java.nio.file.Files.exists(d.resolve("blkio.weight"));
        String weightFile = cfq ? "blkio.weight" : "blkio.bfq.weight";
        if (b.weight() != null && b.weight() != 0) {
            write(at + ".weight", d.resolve(weightFile), Integer.toString(b.weight()));
        }
        if (b.leafWeight() != null && b.leafWeight() != 0) {
            write(at + ".leafWeight", d.resolve("blkio.leaf_weight"), Integer.toString(b.leafWeight()));
        }
        List<LinuxResources.WeightDevice> wd = b.weightDevice() == null ? List.of() : b.weightDevice();
        for (int i = 0; i < wd.size(); i++) {
            LinuxResources.WeightDevice w = wd.get(i);
            String dev = w.major() + ":" + w.minor();
            if (w.weight() != null && w.weight() != 0) {
                write(at + ".weightDevice[" + i + "].weight", d.resolve(cfq ? "blkio.weight_device"
                        : "blkio.bfq.weight_device"), dev + " " + w.weight());
            }
            if (w.leafWeight() != null && w.leafWeight() != 0) {
                write(at + ".weightDevice[" + i + "].leafWeight", d.resolve("blkio.leaf_weight_device"),
                        dev + " " + w.leafWeight());
            }
        }
        throttle(d, at + ".throttleReadBpsDevice", b.throttleReadBpsDevice(), "blkio.throttle.read_bps_device");
        throttle(d, at + ".throttleWriteBpsDevice", b.throttleWriteBpsDevice(), "blkio.throttle.write_bps_device");
        throttle(d, at + ".throttleReadIOPSDevice", b.throttleReadIOPSDevice(), "blkio.throttle.read_iops_device");
        throttle(d, at + ".throttleWriteIOPSDevice", b.throttleWriteIOPSDevice(),
                "blkio.throttle.write_iops_device");
    }

    private static void throttle(Path d, String at, List<LinuxResources.ThrottleDevice> list, String file) {
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            LinuxResources.ThrottleDevice t = list.get(i);
            write(at + "[" + i + "]", d.resolve(file), t.major() + ":" + t.minor() + " " + t.rate());
        }
    }

    private void hugepages(List<LinuxResources.HugepageLimit> limits) {
        if (limits == null || limits.isEmpty()) {
            return;
        }
        for (int i = 0; i < limits.size(); i++) {
            LinuxResources.HugepageLimit h = limits.get(i);
            String at = "linux.resources.hugepageLimits[" + i + "]";
            Path d = dir("hugetlb", at);
            write(at, d.resolve("hugetlb." + h.pageSize() + ".limit_in_bytes"), Long.toString(h.limit()));
        }
    }

    private void network(LinuxResources.Network n) {
        if (n == null) {
            return;
        }
        if (n.classID() != null) {
            write("linux.resources.network.classID", dir("net_cls", "linux.resources.network.classID")
                    .resolve("net_cls.classid"), Long.toString(n.classID()));
        }
        List<LinuxResources.InterfacePriority> prios = n.priorities() == null ? List.of() : n.priorities();
        for (int i = 0; i < prios.size(); i++) {
            String at = "linux.resources.network.priorities[" + i + "]";
            write(at, dir("net_prio", at).resolve("net_prio.ifpriomap"),
                    prios.get(i).name() + " " + prios.get(i).priority());
        }
    }

    private void rdma(Map<String, LinuxResources.Rdma> rdma) {
        if (rdma == null || rdma.isEmpty()) {
            return;
        }
        for (Map.Entry<String, LinuxResources.Rdma> e : new TreeMap<>(rdma).entrySet()) {
            String at = "linux.resources.rdma[\"" + e.getKey() + "\"]";
            StringBuilder line = new StringBuilder(e.getKey());
            if (e.getValue().hcaHandles() != null) {
                line.append(" hca_handle=").append(e.getValue().hcaHandles());
            }
            if (e.getValue().hcaObjects() != null) {
                line.append(" hca_object=").append(e.getValue().hcaObjects());
            }
            write(at, dir("rdma", at).resolve("rdma.max"), line.toString());
        }
    }

    private static Long nonZero(Long v) {
        return v == null || v == 0 ? null : v;
    }

    private static boolean nonEmpty(List<?> l) {
        return l != null && !l.isEmpty();
    }
}
