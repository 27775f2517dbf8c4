package dev.jrun.core.update;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * runc 1.1.5's {@code update} flags as given (null when absent), turned into a {@link ResourceUpdate} with runc's
 * parsing and runc's error texts ({@code invalid value for memory: invalid size: '1q'}).
 */
public record UpdateFlags(
        Integer blkioWeight,
        String cpuPeriod,
        String cpuQuota,
        String cpuShare,
        String cpuRtPeriod,
        String cpuRtRuntime,
        String cpusetCpus,
        String cpusetMems,
        String kernelMemory,
        String kernelMemoryTcp,
        String memory,
        String memoryReservation,
        String memorySwap,
        Integer pidsLimit) {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** @throws IllegalArgumentException with runc's message for the first bad value */
    public ResourceUpdate toUpdate() {
        Long period = uint("cpu-period", cpuPeriod);
        Long rtPeriod = uint("cpu-rt-period", cpuRtPeriod);
        Long shares = uint("cpu-share", cpuShare);
        Long quota = sint("cpu-quota", cpuQuota);
        Long rtRuntime = sint("cpu-rt-runtime", cpuRtRuntime);
        Long limit = size("memory", memory);
        Long swap = size("memory-swap", memorySwap);
        Long kernel = size("kernel-memory", kernelMemory);
        Long kernelTcp = size("kernel-memory-tcp", kernelMemoryTcp);
        Long reservation = size("memory-reservation", memoryReservation);
        List<String> warnings = new ArrayList<>();
        if ((kernel != null && kernel != 0) || (kernelTcp != null && kernelTcp != 0)) {
            warnings.add(ResourceUpdate.KERNEL_MEMORY_WARNING);
        }
        // runc converts the int flag to uint16, wrapping as Go does.
        Integer weight = blkioWeight == null ? null : blkioWeight & 0xffff;
        return new ResourceUpdate(ResourceUpdate.resources(limit, reservation, swap, shares, quota, period, rtRuntime,
                rtPeriod, cpusetCpus, cpusetMems, weight, pidsLimit == null ? null : (long) pidsLimit, null),
                List.copyOf(warnings));
    }

    private static Long uint(String flag, String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!v.matches("[0-9]+")) {
            throw invalid(flag, "strconv.ParseUint: parsing \"" + v + "\": invalid syntax");
        }
        BigInteger b = new BigInteger(v);
        if (b.compareTo(UINT64_MAX) > 0) {
            throw invalid(flag, "strconv.ParseUint: parsing \"" + v + "\": value out of range");
        }
        return b.longValue(); // uint64 in a long
    }

    private static Long sint(String flag, String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!v.matches("[+-]?[0-9]+")) {
            throw invalid(flag, "strconv.ParseInt: parsing \"" + v + "\": invalid syntax");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(flag, "strconv.ParseInt: parsing \"" + v + "\": value out of range");
        }
    }

    private static Long size(String flag, String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.equals("-1")) {
            return -1L;
        }
        try {
            return RamSize.parse(v);
        } catch (IllegalArgumentException e) {
            throw invalid(flag, e.getMessage());
        }
    }

    private static IllegalArgumentException invalid(String flag, String why) {
        return new IllegalArgumentException("invalid value for " + flag + ": " + why);
    }
}
