package dev.jrun.linux.cgroup.v1;

import static dev.jrun.linux.cgroup.CgroupFiles.number;
import static dev.jrun.linux.cgroup.CgroupFiles.readOrNull;

import dev.jrun.core.events.Stats;
import dev.jrun.linux.cgroup.CgroupFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads a v1 cgroup's statistics as runc 1.1.5's fs manager does (zeros where a file or controller is missing). */
final class V1Stats {
    /** cpuacct.stat counts USER_HZ ticks (100 per second on Linux). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private V1Stats() {}

    static Stats read(Function<String, Path> dirOf) {
        return new Stats(cpu(dirOf.apply("cpuacct"), dirOf.apply("cpu")), cpuset(dirOf.apply("cpuset")),
                memory(dirOf.apply("memory")), pids(dirOf.apply("pids")), blkio(dirOf.apply("blkio")),
                hugetlb(dirOf.apply("hugetlb")));
    }

    private static Stats.Cpu cpu(Path acct, Path cpu) {
        long total = 0;
        long kernel = 0;
        long user = 0;
        List<Long> percpu = List.of();
        List<Long> percpuKernel = List.of();
        List<Long> percpuUser = List.of();
        if (acct != null) {
            total = number(acct.resolve("cpuacct.usage"));
            percpu = numbers(readOrNull(acct.resolve("cpuacct.usage_percpu")));
            percpuKernel = numbers(readOrNull(acct.resolve("cpuacct.usage_percpu_sys")));
            percpuUser = numbers(readOrNull(acct.resolve("cpuacct.usage_percpu_user")));
            Map<String, Long> stat = CgroupFiles.keyValues(readOrNull(acct.resolve("cpuacct.stat")));
            user = stat.getOrDefault("user", 0L) * NANOS_PER_TICK;
            kernel = stat.getOrDefault("system", 0L) * NANOS_PER_TICK;
        }
        Stats.Throttling throttling = new Stats.Throttling(0, 0, 0);
        if (cpu != null) {
            Map<String, Long> stat = CgroupFiles.keyValues(readOrNull(cpu.resolve("cpu.stat")));
            throttling = new Stats.Throttling(stat.getOrDefault("nr_periods", 0L),
                    stat.getOrDefault("nr_throttled", 0L), stat.getOrDefault("throttled_time", 0L));
        }
        return new Stats.Cpu(new Stats.CpuUsage(total, percpu, percpuKernel, percpuUser, kernel, user), throttling);
    }

    private static Stats.CpuSet cpuset(Path d) {
        if (d == null) {
            return new Stats.CpuSet(List.of(), 0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new Stats.CpuSet(CgroupFiles.cpuList(readOrNull(d.resolve("cpuset.cpus"))),
                number(d.resolve("cpuset.cpu_exclusive")), CgroupFiles.cpuList(readOrNull(d.resolve("cpuset.mems"))),
                number(d.resolve("cpuset.mem_hardwall")), number(d.resolve("cpuset.mem_exclusive")),
                number(d.resolve("cpuset.memory_migrate")), number(d.resolve("cpuset.memory_spread_page")),
                number(d.resolve("cpuset.memory_spread_slab")), number(d.resolve("cpuset.memory_pressure")),
                number(d.resolve("cpuset.sched_load_balance")), signed(readOrNull(
                        d.resolve("cpuset.sched_relax_domain_level"))));
    }

    private static Stats.Memory memory(Path d) {
        if (d == null) {
            Stats.MemoryEntry none = new Stats.MemoryEntry(0, 0, 0, 0);
            return new Stats.Memory(0, none, none, none, none, Map.of());
        }
        Map<String, Long> raw = CgroupFiles.keyValues(readOrNull(d.resolve("memory.stat")));
        return new Stats.Memory(raw.getOrDefault("cache", 0L), entry(d, "memory."), entry(d, "memory.memsw."),
                entry(d, "memory.kmem."), entry(d, "memory.kmem.tcp."), raw);
    }

    private static Stats.MemoryEntry entry(Path d, String prefix) {
        return new Stats.MemoryEntry(number(d.resolve(prefix + "limit_in_bytes")),
                number(d.resolve(prefix + "usage_in_bytes")), number(d.resolve(prefix + "max_usage_in_bytes")),
                number(d.resolve(prefix + "failcnt")));
    }

    private static Stats.Pids pids(Path d) {
        if (d == null) {
            return new Stats.Pids(0, 0);
        }
        return new Stats.Pids(number(d.resolve("pids.current")), number(d.resolve("pids.max")));
    }

    /** The CFQ files where the kernel has them, else BFQ's, else the throttle ones (runc's order). */
    private static Stats.Blkio blkio(Path d) {
        Map<String, List<Stats.BlkioEntry>> entries = new LinkedHashMap<>();
        if (d == null) {
            return new Stats.Blkio(entries);
        }
        String prefix = Files.exists(d.resolve("blkio.io_serviced_recursive")) ? "blkio."
                : Files.exists(d.resolve("blkio.bfq.io_serviced_recursive")) ? "blkio.bfq." : "blkio.throttle.";
        entries.put("ioServiceBytesRecursive", blkioEntries(readOrNull(d.resolve(prefix
                + "io_service_bytes_recursive"))));
        entries.put("ioServicedRecursive", blkioEntries(readOrNull(d.resolve(prefix + "io_serviced_recursive"))));
        if (prefix.equals("blkio.")) {
            entries.put("ioQueueRecursive", blkioEntries(readOrNull(d.resolve("blkio.io_queued_recursive"))));
            entries.put("ioServiceTimeRecursive", blkioEntries(readOrNull(
                    d.resolve("blkio.io_service_time_recursive"))));
            entries.put("ioWaitTimeRecursive", blkioEntries(readOrNull(d.resolve("blkio.io_wait_time_recursive"))));
            entries.put("ioMergedRecursive", blkioEntries(readOrNull(d.resolve("blkio.io_merged_recursive"))));
            entries.put("ioTimeRecursive", blkioEntries(readOrNull(d.resolve("blkio.time_recursive"))));
            entries.put("sectorsRecursive", blkioEntries(readOrNull(d.resolve("blkio.sectors_recursive"))));
        }
        return new Stats.Blkio(entries);
    }

    /** "8:0 Read 4096" lines (and "8:0 4096" for time and sectors); "Total N" lines are left out, as runc does. */
    private static List<Stats.BlkioEntry> blkioEntries(String text) {
        List<Stats.BlkioEntry> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[0].contains(":")) {
                continue;
            }
            String[] mm = f[0].split(":");
            long major = CgroupFiles.parse(mm[0]);
            long minor = CgroupFiles.parse(mm[1]);
            if (f.length == 3) {
                out.add(new Stats.BlkioEntry(major, minor, f[1], CgroupFiles.parse(f[2])));
            } else {
                out.add(new Stats.BlkioEntry(major, minor, "", CgroupFiles.parse(f[1])));
            }
        }
        return out;
    }

    private static Map<String, Stats.Hugetlb> hugetlb(Path d) {
        Map<String, Stats.Hugetlb> out = new LinkedHashMap<>();
        if (d == null) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(d, "hugetlb.*.limit_in_bytes")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String size = name.substring("hugetlb.".length(), name.length() - ".limit_in_bytes".length());
                if (size.contains(".")) {
                    continue; // hugetlb.2MB.rsvd.limit_in_bytes
                }
                String p = "hugetlb." + size + ".";
                out.put(size, new Stats.Hugetlb(number(d.resolve(p + "usage_in_bytes")),
                        number(d.resolve(p + "max_usage_in_bytes")), number(d.resolve(p + "failcnt"))));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static List<Long> numbers(String text) {
        List<Long> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String s : text.trim().split("\\s+")) {
            out.add(CgroupFiles.parse(s));
        }
        return out;
    }

    private static long signed(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
