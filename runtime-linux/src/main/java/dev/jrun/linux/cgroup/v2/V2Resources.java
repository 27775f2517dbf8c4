package dev.jrun.linux.cgroup.v2;

import static dev.jrun.linux.cgroup.CgroupFiles.write;

import dev.jrun.core.spec.LinuxResources;
import dev.jrun.linux.cgroup.CgroupException;
import dev.jrun.linux.cgroup.CgroupFiles;
import dev.jrun.linux.cgroup.devices.DeviceProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes linux.resources into a cgroup v2 directory as runc 1.1.5's fs2 manager does. What v2 has no file for
 * (swappiness, the OOM killer switch, realtime CPU, leaf weights, net_cls/net_prio) is an error naming the field,
 * not skipped.
 */
final class V2Resources {
    private final Path dir;

    V2Resources(Path dir) {
        this.dir = dir;
    }

    void apply(LinuxResources r) {
        if (r == null) {
            return;
        }
        memory(r.memory());
        cpu(r.cpu());
        pids(r.pids());
        io(r.blockIO());
        hugepages(r.hugepageLimits());
        network(r.network());
        rdma(r.rdma());
        if (r.devices() != null) {
            DeviceProgram.install(dir, r.devices());
        }
        unified(r.unified()); // last: its keys override what the members above wrote, as in runc
    }

    private void memory(LinuxResources.Memory m) {
        if (m == null) {
            return;
        }
        String at = "linux.resources.memory";
        if (m.swappiness() != null) {
            throw unsupported(at + ".swappiness", "cgroup v2 has no per-cgroup swappiness");
        }
        if (Boolean.TRUE.equals(m.disableOOMKiller())) {
            throw unsupported(at + ".disableOOMKiller", "cgroup v2 cannot disable the OOM killer");
        }
        long limit = m.limit() == null ? 0 : m.limit();
        long swap = m.swap() == null ? 0 : m.swap();
        if (limit != 0 && Boolean.TRUE.equals(m.checkBeforeUpdate()) && limit > 0) {
            long usage = CgroupFiles.number(dir.resolve("memory.current"));
            if (limit < usage) {
                throw new CgroupException(at + ".limit: " + limit + " is below the container's current memory usage ("
                        + usage + ", memory.current) and checkBeforeUpdate is set");
            }
        }
        long swapMax = V2Values.swapMax(swap, limit);
        String swapText = swapMax == 0 ? "" : V2Values.maxOrNumber(swapMax);
        if (swapText.isEmpty() && swapMax == 0 && swap > 0) {
            swapText = "0"; // memory and memory+swap equal: no swap at all
        }
        if (!swapText.isEmpty()) {
            write(at + ".swap", dir.resolve("memory.swap.max"), swapText);
        }
        if (limit != 0) {
            write(at + ".limit", dir.resolve("memory.max"), V2Values.maxOrNumber(limit));
        }
        if (m.reservation() != null && m.reservation() != 0) {
            write(at + ".reservation", dir.resolve("memory.low"), V2Values.maxOrNumber(m.reservation()));
        }
    }

    private void cpu(LinuxResources.Cpu c) {
        if (c == null) {
            return;
        }
        String at = "linux.resources.cpu";
        if ((c.realtimePeriod() != null && c.realtimePeriod() != 0)
                || (c.realtimeRuntime() != null && c.realtimeRuntime() != 0)) {
            throw unsupported(at + ".realtimeRuntime", "realtime CPU settings are not supported on cgroup v2");
        }
        if (c.shares() != null && c.shares() != 0) {
            write(at + ".shares", dir.resolve("cpu.weight"), Long.toString(V2Values.cpuWeight(c.shares())));
        }
        long quota = c.quota() == null ? 0 : c.quota();
        long period = c.period() == null ? 0 : c.period();
        if (quota != 0 || period != 0) {
            String text = quota > 0 ? Long.toString(quota) : "max";
            if (period != 0) {
                text += " " + period;
            }
            write(at + (quota != 0 ? ".quota" : ".period"), dir.resolve("cpu.max"), text);
        }
        if (c.burst() != null) {
            write(at + ".burst", dir.resolve("cpu.max.burst"), Long.toString(c.burst()));
        }
        if (c.idle() != null) {
            write(at + ".idle", dir.resolve("cpu.idle"), Long.toString(c.idle()));
        }
        if (c.cpus() != null && !c.cpus().isEmpty()) {
            write(at + ".cpus", dir.resolve("cpuset.cpus"), c.cpus());
        }
        if (c.mems() != null && !c.mems().isEmpty()) {
            write(at + ".mems", dir.resolve("cpuset.mems"), c.mems());
        }
    }

    private void pids(LinuxResources.Pids p) {
        if (p == null || p.limit() == null || p.limit() == 0) {
            return;
        }
        write("linux.resources.pids.limit", dir.resolve("pids.max"), p.limit() > 0 ? Long.toString(p.limit()) : "max");
    }

    private void io(LinuxResources.BlockIo b) {
        if (b == null) {
            return;
        }
        String at = "linux.resources.blockIO";
        if (b.leafWeight() != null && b.leafWeight() != 0) {
            throw unsupported(at + ".leafWeight", "cgroup v2 has no leaf weights");
        }
        boolean bfq = Files.exists(dir.resolve("io.bfq.weight"));
        if (b.weight() != null && b.weight() != 0) {
            if (bfq) {
                write(at + ".weight", dir.resolve("io.bfq.weight"), Integer.toString(b.weight()));
            } else {
                write(at + ".weight", dir.resolve("io.weight"), Long.toString(V2Values.ioWeight(b.weight())));
            }
        }
        List<LinuxResources.WeightDevice> wd = b.weightDevice() == null ? List.of() : b.weightDevice();
        for (int i = 0; i < wd.size(); i++) {
            LinuxResources.WeightDevice w = wd.get(i);
            if (w.leafWeight() != null && w.leafWeight() != 0) {
                throw unsupported(at + ".weightDevice[" + i + "].leafWeight", "cgroup v2 has no leaf weights");
            }
            if (w.weight() != null && w.weight() != 0) {
                String dev = w.major() + ":" + w.minor();
                if (bfq) {
                    write(at + ".weightDevice[" + i + "]", dir.resolve("io.bfq.weight"), dev + " " + w.weight());
                } else {
                    write(at + ".weightDevice[" + i + "]", dir.resolve("io.weight"),
                            dev + " " + V2Values.ioWeight(w.weight()));
                }
            }
        }
        ioMax(at + ".throttleReadBpsDevice", b.throttleReadBpsDevice(), "rbps");
        ioMax(at + ".throttleWriteBpsDevice", b.throttleWriteBpsDevice(), "wbps");
        ioMax(at + ".throttleReadIOPSDevice", b.throttleReadIOPSDevice(), "riops");
        ioMax(at + ".throttleWriteIOPSDevice", b.throttleWriteIOPSDevice(), "wiops");
    }

    private void ioMax(String at, List<LinuxResources.ThrottleDevice> list, String key) {
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            LinuxResources.ThrottleDevice t = list.get(i);
            write(at + "[" + i + "]", dir.resolve("io.max"), t.major() + ":" + t.minor() + " " + key + "="
                    + (t.rate() == 0 ? "max" : Long.toString(t.rate())));
        }
    }

    private void hugepages(List<LinuxResources.HugepageLimit> limits) {
        if (limits == null) {
            return;
        }
        for (int i = 0; i < limits.size(); i++) {
            LinuxResources.HugepageLimit h = limits.get(i);
            String at = "linux.resources.hugepageLimits[" + i + "]";
            write(at, dir.resolve("hugetlb." + h.pageSize() + ".max"), Long.toString(h.limit()));
            Path rsvd = dir.resolve("hugetlb." + h.pageSize() + ".rsvd.max");
            if (Files.exists(rsvd)) {
                write(at, rsvd, Long.toString(h.limit()));
            }
        }
    }

    private void network(LinuxResources.Network n) {
        if (n != null && (n.classID() != null || (n.priorities() != null && !n.priorities().isEmpty()))) {
            throw unsupported("linux.resources.network", "cgroup v2 has no net_cls or net_prio controller");
        }
    }

    private void rdma(Map<String, LinuxResources.Rdma> rdma) {
        if (rdma == null) {
            return;
        }
        for (Map.Entry<String, LinuxResources.Rdma> e : new TreeMap<>(rdma).entrySet()) {
            StringBuilder line = new StringBuilder(e.getKey());
            if (e.getValue().hcaHandles() != null) {
                line.append(" hca_handle=").append(e.getValue().hcaHandles());
            }
            if (e.getValue().hcaObjects() != null) {
                line.append(" hca_object=").append(e.getValue().hcaObjects());
            }
            write("linux.resources.rdma[\"" + e.getKey() + "\"]", dir.resolve("rdma.max"), line.toString());
        }
    }

    private void unified(Map<String, String> unified) {
        if (unified == null) {
            return;
        }
        for (Map.Entry<String, String> e : new TreeMap<>(unified).entrySet()) {
            String at = "linux.resources.unified[\"" + e.getKey() + "\"]";
            if (e.getKey().contains("/") || e.getKey().startsWith(".") || e.getKey().isEmpty()) {
                throw new CgroupException(at + ": not a cgroup file name");
            }
            if (!Files.exists(dir.resolve(e.getKey()))) {
                String controller = e.getKey().contains(".") ? e.getKey().substring(0, e.getKey().indexOf('.')) : "";
                throw new CgroupException(at + ": " + dir.resolve(e.getKey()) + " does not exist (is the "
                        + controller + " controller enabled in the parent's cgroup.subtree_control?)");
            }
            write(at, dir.resolve(e.getKey()), e.getValue());
        }
    }

    private static CgroupException unsupported(String at, String why) {
        return new CgroupException(at + ": " + why + "; remove it");
    }
}
