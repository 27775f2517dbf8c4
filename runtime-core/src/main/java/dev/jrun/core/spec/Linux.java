package dev.jrun.core.spec;

import java.util.List;
import java.util.Map;

/** The {@code linux} section, in the property order of specs-go so that written files diff cleanly. */
public record Linux(
        List<IdMapping> uidMappings,
        List<IdMapping> gidMappings,
        Map<String, String> sysctl,
        LinuxResources resources,
        String cgroupsPath,
        List<Namespace> namespaces,
        List<Device> devices,
        Seccomp seccomp,
        String rootfsPropagation,
        List<String> maskedPaths,
        List<String> readonlyPaths,
        String mountLabel,
        IntelRdt intelRdt,
        Personality personality,
        Map<String, TimeOffset> timeOffsets,
        Map<String, NetDevice> netDevices,
        MemoryPolicy memoryPolicy) {

    /** A namespace to create, or (with {@code path}) to join. */
    public record Namespace(String type, String path) {
    }

    /** A device node to create in the container; uid, gid are uint32. */
    public record Device(String path, String type, Long major, Long minor, Integer fileMode, Long uid, Long gid) {
    }

    public record TimeOffset(Long secs, Long nanosec) {
    }

    /** enableCMT and enableMBM are the 1.2 names; schemata and enableMonitoring come from later drafts. */
    public record IntelRdt(
            String closID,
            String l3CacheSchema,
            String memBwSchema,
            List<String> schemata,
            Boolean enableCMT,
            Boolean enableMBM,
            Boolean enableMonitoring) {
    }

    public record Personality(String domain, List<String> flags) {
    }

    public record NetDevice(String name) {
    }

    public record MemoryPolicy(String mode, String nodes, List<String> flags) {
    }
}
