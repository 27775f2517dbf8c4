package dev.jrun.core.update;

import dev.jrun.core.spec.LinuxResources;
import java.util.List;

/**
 * What {@code update} changes: a partial {@link LinuxResources} where null means "leave as it is", and the settings
 * it was asked for but does not apply (said as warnings, never dropped silently).
 *
 * <p>runc's cgroup managers skip a zero value, so a zero from a flag or from the {@code --resources} document means
 * "unchanged" here too; -1 (unlimited) is kept.
 */
public record ResourceUpdate(LinuxResources resources, List<String> warnings) {

    /** runc 1.1's text for kernel memory limits, which it no longer applies. */
    public static final String KERNEL_MEMORY_WARNING = "Kernel memory settings are ignored and will be removed";

    static Long nonZero(Long v) {
        return v == null || v == 0 ? null : v;
    }

    static String nonEmpty(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    /** The update as LinuxResources, with null for the groups nothing in which changes. */
    static LinuxResources resources(Long limit, Long reservation, Long swap, Long shares, Long quota, Long period,
            Long rtRuntime, Long rtPeriod, String cpus, String mems, Integer blkioWeight, Long pidsLimit,
            java.util.Map<String, String> unified) {
        limit = nonZero(limit);
        reservation = nonZero(reservation);
        swap = nonZero(swap);
        LinuxResources.Memory memory = limit == null && reservation == null && swap == null ? null
                : new LinuxResources.Memory(limit, reservation, swap, null, null, null, null, null, null);
        shares = nonZero(shares);
        quota = nonZero(quota);
        period = nonZero(period);
        rtRuntime = nonZero(rtRuntime);
        rtPeriod = nonZero(rtPeriod);
        cpus = nonEmpty(cpus);
        mems = nonEmpty(mems);
        LinuxResources.Cpu cpu = shares == null && quota == null && period == null && rtRuntime == null
                && rtPeriod == null && cpus == null && mems == null ? null
                : new LinuxResources.Cpu(shares, quota, null, period, rtRuntime, rtPeriod, cpus, mems, null);
        LinuxResources.BlockIo blockIo = blkioWeight == null || blkioWeight == 0 ? null
                : new LinuxResources.BlockIo(blkioWeight, null, null, null, null, null, null);
        LinuxResources.Pids pids = nonZero(pidsLimit) == null ? null : new LinuxResources.Pids(pidsLimit);
        return new LinuxResources(null, memory, cpu, pids, blockIo, null, null, null,
                unified == null || unified.isEmpty() ? null : unified);
    }
}
