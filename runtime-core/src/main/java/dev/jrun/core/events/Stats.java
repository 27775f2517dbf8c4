package dev.jrun.core.events;

import java.util.List;
import java.util.Map;

/**
 * A container's cgroup statistics, the data of runc's {@code events --stats} event (runc's types/events.go). Numbers
 * are Go uint64 held in a long (print with {@link Long#toUnsignedString}); zero where the kernel has no such file.
 * {@code intel_rdt} ({@code {}}) and {@code network_interfaces} ({@code null}) are always empty: jrun has neither.
 */
public record Stats(Cpu cpu, CpuSet cpuset, Memory memory, Pids pids, Blkio blkio, Map<String, Hugetlb> hugetlb) {

    public record Cpu(CpuUsage usage, Throttling throttling) {
    }

    /** Nanoseconds; percpu lists are in CPU order. */
    public record CpuUsage(long total, List<Long> percpu, List<Long> percpuKernel, List<Long> percpuUser, long kernel,
            long user) {
    }

    public record Throttling(long periods, long throttledPeriods, long throttledTime) {
    }

    public record CpuSet(List<Integer> cpus, long cpuExclusive, List<Integer> mems, long memHardwall,
            long memExclusive, long memoryMigrate, long memorySpreadPage, long memorySpreadSlab, long memoryPressure,
            long schedLoadBalance, long schedRelaxDomainLevel) {
    }

    public record Memory(long cache, MemoryEntry usage, MemoryEntry swap, MemoryEntry kernel, MemoryEntry kernelTCP,
            Map<String, Long> raw) {
    }

    public record MemoryEntry(long limit, long usage, long max, long failcnt) {
    }

    public record Pids(long current, long limit) {
    }

    /** Lists as runc names them: ioServiceBytesRecursive, ioServicedRecursive, ... (empty lists are left out). */
    public record Blkio(Map<String, List<BlkioEntry>> entries) {
    }

    public record BlkioEntry(long major, long minor, String op, long value) {
    }

    public record Hugetlb(long usage, long max, long failcnt) {
    }
}
