package dev.jrun.cli;

import dev.jrun.cli.log.Log;
import dev.jrun.core.JrunException;
import dev.jrun.core.state.ContainerStatus;
import dev.jrun.core.update.ResourceUpdate;
import dev.jrun.core.update.ResourcesJson;
import dev.jrun.core.update.UpdateFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** runc 1.1.5's update: its flags, its parsing, its texts. */
@Command(name = "update", description = "update container resource constraints")
final class UpdateCommand extends JrunSubcommand {
    @Parameters(index = "0", paramLabel = "<container-id>", description = "the container's id")
    String id;

    @Option(names = {"-r", "--resources"}, paramLabel = "value", description = {
        "path to the file containing the resources to update or '-' to read from the standard input",
        "(a runtime-spec linux.resources object, such as {\"memory\": {\"limit\": 0}, \"cpu\": {\"shares\": 0},"
                + " \"blockIO\": {\"weight\": 0}}; unchanged values can be omitted; all other flags are then"
                + " ignored)"})
    String resources;

    @Option(names = "--blkio-weight", paramLabel = "value",
            description = "Specifies per cgroup weight, range is from 10 to 1000 (default: 0)")
    Integer blkioWeight;

    @Option(names = "--cpu-period", paramLabel = "value",
            description = "CPU CFS period to be used for hardcapping (in usecs). 0 to use system default")
    String cpuPeriod;

    @Option(names = "--cpu-quota", paramLabel = "value",
            description = "CPU CFS hardcap limit (in usecs). Allowed cpu time in a given period")
    String cpuQuota;

    @Option(names = {"--cpu-share", "--cpu-shares"}, paramLabel = "value", description = "CPU shares (relative weight vs. other containers)")
    String cpuShare;

    @Option(names = "--cpu-rt-period", paramLabel = "value",
            description = "CPU realtime period to be used for hardcapping (in usecs). 0 to use system default")
    String cpuRtPeriod;

    @Option(names = "--cpu-rt-runtime", paramLabel = "value",
            description = "CPU realtime hardcap limit (in usecs). Allowed cpu time in a given period")
    String cpuRtRuntime;

    @Option(names = "--cpuset-cpus", paramLabel = "value", description = "CPU(s) to use")
    String cpusetCpus;

    @Option(names = "--cpuset-mems", paramLabel = "value", description = "Memory node(s) to use")
    String cpusetMems;

    // Hidden in runc too: obsolete, parsed and warned about, never applied.
    @Option(names = "--kernel-memory", paramLabel = "value", hidden = true, description = "(obsoleted; do not use)")
    String kernelMemory;

    @Option(names = "--kernel-memory-tcp", paramLabel = "value", hidden = true, description = "(obsoleted; do not use)")
    String kernelMemoryTcp;

    @Option(names = "--memory", paramLabel = "value", description = "Memory limit (in bytes)")
    String memory;

    @Option(names = "--memory-reservation", paramLabel = "value",
            description = "Memory reservation or soft_limit (in bytes)")
    String memoryReservation;

    @Option(names = "--memory-swap", paramLabel = "value",
            description = "Total memory usage (memory + swap); set '-1' to enable unlimited swap")
    String memorySwap;

    @Option(names = "--pids-limit", paramLabel = "value",
            description = "Maximum number of pids allowed in the container (default: 0)")
    Integer pidsLimit;

    @Option(names = "--l3-cache-schema", paramLabel = "value", description = "The string of Intel RDT/CAT L3 cache schema")
    String l3CacheSchema;

    @Option(names = "--mem-bw-schema", paramLabel = "value",
            description = "The string of Intel RDT/MBA memory bandwidth schema")
    String memBwSchema;

    CgroupLoader cgroups = CgroupLoader.FROM_STATE_DIR;

    @Override
    public Integer call() {
        CgroupTarget target = CgroupTarget.of(globals().root(), id, cgroups);
        ResourceUpdate update = requested();
        // runc's texts; jrun has no Intel RDT at all, so these settings can never be applied.
        if (l3CacheSchema != null && !l3CacheSchema.isEmpty()) {
            throw new JrunException("Intel RDT/CAT: l3 cache schema is not enabled (jrun does not support Intel RDT)");
        }
        if (memBwSchema != null && !memBwSchema.isEmpty()) {
            throw new JrunException(
                    "Intel RDT/MBA: memory bandwidth schema is not enabled (jrun does not support Intel RDT)");
        }
        if (target.status() == ContainerStatus.STOPPED) {
            throw new JrunException("container not running");
        }
        for (String warning : update.warnings()) {
            Log.warn(warning);
        }
        target.manager().apply(update.resources());
        return 0;
    }

    private ResourceUpdate requested() {
        UpdateFlags flags = new UpdateFlags(blkioWeight, cpuPeriod, cpuQuota, cpuShare, cpuRtPeriod, cpuRtRuntime,
                cpusetCpus, cpusetMems, kernelMemory, kernelMemoryTcp, memory, memoryReservation, memorySwap,
                pidsLimit);
        try {
            if (resources == null || resources.isEmpty()) {
                return flags.toUpdate();
            }
            if (!flags.equals(new UpdateFlags(null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null))) {
                Log.warn("--resources is given: the other resource flags are ignored, as runc ignores them");
            }
            return ResourcesJson.parse(readResources(), resources.equals("-") ? "standard input" : resources);
        } catch (IllegalArgumentException e) {
            throw new JrunException(e.getMessage(), e);
        }
    }

    private byte[] readResources() {
        try {
            return resources.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(resources));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new JrunException("open " + resources + ": no such file or directory (update --resources)", e);
        } catch (IOException e) {
            throw new JrunException("cannot read the --resources file " + resources + ": " + e, e);
        }
    }

    @Override
    String describe() {
        return "update " + id;
    }
}
