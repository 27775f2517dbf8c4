package dev.jrun.core.spec;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;

/** cgroup settings under {@code linux.resources}. */
public record LinuxResources(
        List<DeviceRule> devices,
        Memory memory,
        Cpu cpu,
        Pids pids,
        BlockIo blockIO,
        List<HugepageLimit> hugepageLimits,
        Network network,
        Map<String, Rdma> rdma,
        Map<String, String> unified) {

    /** A device cgroup rule; absent type, major or minor mean "all". */
    public record DeviceRule(Boolean allow, String type, Long major, Long minor, String access) {
    }

    public record Memory(
            Long limit,
            Long reservation,
            Long swap,
            Long kernel,
            Long kernelTCP,
            @JsonDeserialize(using = Uint64.Deserializer.class) @JsonSerialize(using = Uint64.Serializer.class) Long swappiness,
            Boolean disableOOMKiller,
            Boolean useHierarchy,
            Boolean checkBeforeUpdate) {
    }

    /** cpus and mems are cpuset list strings such as "0-3,7". */
    public record Cpu(
            Long shares,
            Long quota,
            Long burst,
            Long period,
            Long realtimeRuntime,
            Long realtimePeriod,
            String cpus,
            String mems,
            Long idle) {
    }

    public record Pids(Long limit) {
    }

    public record BlockIo(
            Integer weight,
            Integer leafWeight,
            List<WeightDevice> weightDevice,
            List<ThrottleDevice> throttleReadBpsDevice,
            List<ThrottleDevice> throttleWriteBpsDevice,
            List<ThrottleDevice> throttleReadIOPSDevice,
            List<ThrottleDevice> throttleWriteIOPSDevice) {
    }

    public record WeightDevice(Long major, Long minor, Integer weight, Integer leafWeight) {
    }

    public record ThrottleDevice(Long major, Long minor, Long rate) {
    }

    public record HugepageLimit(String pageSize, Long limit) {
    }

    public record Network(Long classID, List<InterfacePriority> priorities) {
    }

    public record InterfacePriority(String name, Long priority) {
    }

    public record Rdma(Long hcaHandles, Long hcaObjects) {
    }
}
