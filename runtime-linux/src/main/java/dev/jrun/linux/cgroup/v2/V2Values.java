package dev.jrun.linux.cgroup.v2;

import dev.jrun.linux.cgroup.CgroupException;

/** runc's conversions from the runtime-spec's (v1-shaped) values to cgroup v2's (libcontainer/cgroups/utils.go). */
final class V2Values {
    private V2Values() {}

    /** cpu.shares 2..262144 onto cpu.weight 1..10000, linearly; 0 stays unset. runc and crun 1.8 agree. */
    static long cpuWeight(long shares) {
        if (shares == 0) {
            return 0;
        }
        return 1 + ((shares - 2) * 9999) / 262142;
    }

    /** blkio.weight 10..1000 onto io.weight 1..10000; 0 stays unset. */
    static long ioWeight(long blkioWeight) {
        if (blkioWeight == 0) {
            return 0;
        }
        return 1 + (blkioWeight - 10) * 9999 / 990;
    }

    /**
     * memory.swap.max from the spec's swap, which is memory+swap as in v1: -1 unlimited, 0 unset (but unlimited when
     * the memory limit is -1, as v1 behaves).
     */
    static long swapMax(long memorySwap, long memory) {
        if (memory == -1 && memorySwap == 0) {
            return -1;
        }
        if (memorySwap == -1 || memorySwap == 0) {
            return memorySwap;
        }
        if (memory == 0 || memory == -1) {
            throw new CgroupException("linux.resources.memory.swap: unable to set swap limit without memory limit");
        }
        if (memory < 0) {
            throw new CgroupException("linux.resources.memory.limit: invalid memory value: " + memory);
        }
        if (memorySwap < memory) {
            throw new CgroupException("linux.resources.memory.swap: memory+swap limit (" + memorySwap
                    + ") should be >= memory limit (" + memory + ")");
        }
        return memorySwap - memory;
    }

    /** "max" for -1, the number otherwise. */
    static String maxOrNumber(long v) {
        return v == -1 ? "max" : Long.toString(v);
    }
}
