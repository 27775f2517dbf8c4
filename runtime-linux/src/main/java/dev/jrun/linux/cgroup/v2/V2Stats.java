package dev.jrun.linux.cgroup.v2;

import static dev.jrun.linux.cgroup.CgroupFiles.keyValues;
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

/** A v2 cgroup's statistics in runc's shape (its fs2 GetStats): zeros where a controller is not enabled. */
final class V2Stats {
    /** runc reports an unlimited v2 limit ("max") as the largest uint64. */
    private static final long UNLIMITED = -1L;

    private V2Stats() {}

    static Stats read(Path dir) {
        Map<String, Long> cpu = keyValues(readOrNull(dir.resolve("cpu.stat")));
        Stats.Cpu cpuStats = new Stats.Cpu(new Stats.CpuUsage(cpu.getOrDefault("usage_usec", 0L) * 1000, List.of(),
                List.of(), List.of(), cpu.getOrDefault("system_usec", 0L) * 1000,
                cpu.getOrDefault("user_usec", 0L) * 1000), new Stats.Throttling(cpu.getOrDefault("nr_periods", 0L),
                cpu.getOrDefault("nr_throttled", 0L), cpu.getOrDefault("throttled_usec", 0L) * 1000));
        Stats.CpuSet cpuset = new Stats.CpuSet(list(dir, "cpuset.cpus"), 0, list(dir, "cpuset.mems"), 0, 0, 0, 0, 0,
                0, 0, 0);
        Map<String, Long> raw = keyValues(readOrNull(dir.resolve("memory.stat")));
        long failcnt = keyValues(readOrNull(dir.resolve("memory.events"))).getOrDefault("max", 0L);
        long current = number(dir.resolve("memory.current"));
        Stats.MemoryEntry usage = new Stats.MemoryEntry(limit(dir.resolve("memory.max")), current,
                number(dir.resolve("memory.peak")), failcnt);
        long swapCurrent = number(dir.resolve("memory.swap.current"));
        Stats.MemoryEntry swap = new Stats.MemoryEntry(limit(dir.resolve("memory.swap.max")), swapCurrent + current,
                0, 0);
        Stats.MemoryEntry none = new Stats.MemoryEntry(0, 0, 0, 0);
        Stats.Memory memory = new Stats.Memory(raw.getOrDefault("file", 0L), usage, swap, none, none, raw);
        Stats.Pids pids = new Stats.Pids(number(dir.resolve("pids.current")), number(dir.resolve("pids.max")));
        return new Stats(cpuStats, cpuset, memory, pids, blkio(dir), hugetlb(dir));
    }

    private static long limit(Path file) {
        String s = readOrNull(file);
        if (s == null) {
            return 0;
        }
        return s.equals("max") ? UNLIMITED : CgroupFiles.parse(s);
    }

    private static List<Integer> list(Path dir, String file) {
        String s = readOrNull(dir.resolve(file));
        if (s == null || s.isEmpty()) {
            s = readOrNull(dir.resolve(file + ".effective"));
        }
        return CgroupFiles.cpuList(s);
    }

    /** io.stat's "8:0 rbytes=1 wbytes=2 rios=3 wios=4 ..." as runc's Read/Write entries. */
    private static Stats.Blkio blkio(Path dir) {
        List<Stats.BlkioEntry> bytes = new ArrayList<>();
        List<Stats.BlkioEntry> ios = new ArrayList<>();
        String text = readOrNull(dir.resolve("io.stat"));
        if (text != null) {
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 2 || !f[0].contains(":")) {
                    continue;
                }
                String[] mm = f[0].split(":");
                long major = CgroupFiles.parse(mm[0]);
                long minor = CgroupFiles.parse(mm[1]);
                for (int i = 1; i < f.length; i++) {
                    int eq = f[i].indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    long v = CgroupFiles.parse(f[i].substring(eq + 1));
                    switch (f[i].substring(0, eq)) {
                        case "rbytes" -> bytes.add(new Stats.BlkioEntry(major, minor, "Read", v));
                        case "wbytes" -> bytes.add(new Stats.BlkioEntry(major, minor, "Write", v));
                        case "rios" -> ios.add(new Stats.BlkioEntry(major, minor, "Read", v));
                        case "wios" -> ios.add(new Stats.BlkioEntry(major, minor, "Write", v));
                        default -> {
                        }
                    }
                }
            }
        }
        Map<String, List<Stats.BlkioEntry>> entries = new LinkedHashMap<>();
        entries.put("ioServiceBytesRecursive", bytes);
        entries.put("ioServicedRecursive", ios);
        return new Stats.Blkio(entries);
    }

    private static Map<String, Stats.Hugetlb> hugetlb(Path dir) {
        Map<String, Stats.Hugetlb> out = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "hugetlb.*.current")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String size = name.substring("hugetlb.".length(), name.length() - ".current".length());
                if (size.contains(".")) {
                    continue; // hugetlb.2MB.rsvd.current
                }
                long failcnt = keyValues(readOrNull(dir.resolve("hugetlb." + size + ".events")))
                        .getOrDefault("max", 0L);
                out.put(size, new Stats.Hugetlb(number(f), 0, failcnt));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
