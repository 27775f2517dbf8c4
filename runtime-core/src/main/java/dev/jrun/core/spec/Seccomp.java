package dev.jrun.core.spec;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;

/** {@code linux.seccomp}: a libseccomp-style filter description. */
public record Seccomp(
        String defaultAction,
        Long defaultErrnoRet,
        List<String> architectures,
        List<String> flags,
        String listenerPath,
        String listenerMetadata,
        List<Syscall> syscalls) {

    public record Syscall(List<String> names, String action, Long errnoRet, List<Arg> args) {
    }

    /** value and valueTwo are uint64 in the spec; see {@link Uint64} for values above Long.MAX_VALUE. */
    public record Arg(
            Long index,
            @JsonDeserialize(using = Uint64.Deserializer.class) @JsonSerialize(using = Uint64.Serializer.class) Long value,
            @JsonDeserialize(using = Uint64.Deserializer.class) @JsonSerialize(using = Uint64.Serializer.class) Long valueTwo,
            String op) {
    }
}
