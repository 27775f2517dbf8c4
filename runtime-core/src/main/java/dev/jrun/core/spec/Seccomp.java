package dev.jrun.core.spec;

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

    /** value and valueTwo are uint64 in the spec; values above Long.MAX_VALUE are not representable. */
    public record Arg(Long index, Long value, Long valueTwo, String op) {
    }
}
