package dev.jrun.core.spec;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The container process. */
public record Process(
        Boolean terminal,
        ConsoleSize consoleSize,
        User user,
        List<String> args,
        String commandLine,
        List<String> env,
        String cwd,
        Capabilities capabilities,
        List<Rlimit> rlimits,
        Boolean noNewPrivileges,
        String apparmorProfile,
        Integer oomScoreAdj,
        Scheduler scheduler,
        String selinuxLabel,
        IoPriority ioPriority,
        ExecCpuAffinity execCPUAffinity) {

    public record ConsoleSize(Long height, Long width) {
    }

    /** uid and gid are uint32 in the spec, so they are longs here. */
    public record User(Long uid, Long gid, Long umask, List<Long> additionalGids, String username) {
    }

    public record Capabilities(
            List<String> bounding,
            List<String> effective,
            List<String> inheritable,
            List<String> permitted,
            List<String> ambient) {
    }

    /** Limits are uint64 in the spec; see {@link Uint64} for values above Long.MAX_VALUE. */
    public record Rlimit(
            String type,
            @JsonDeserialize(using = Uint64.Deserializer.class) @JsonSerialize(using = Uint64.Serializer.class) Long hard,
            @JsonDeserialize(using = Uint64.Deserializer.class) @JsonSerialize(using = Uint64.Serializer.class) Long soft) {
    }

    public record Scheduler(
            String policy,
            Integer nice,
            Integer priority,
            List<String> flags,
            Long runtime,
            Long deadline,
            Long period) {
    }

    /** The JSON name is {@code class}, a Java keyword. */
    public record IoPriority(@JsonProperty("class") String ioClass, Integer priority) {
    }

    public record ExecCpuAffinity(@JsonProperty("initial") String initial, @JsonProperty("final") String finalAffinity) {
    }
}
