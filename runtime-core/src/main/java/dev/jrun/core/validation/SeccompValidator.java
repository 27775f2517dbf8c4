package dev.jrun.core.validation;

import static dev.jrun.core.validation.Problems.at;
import static dev.jrun.core.validation.Problems.orEmpty;

import dev.jrun.core.spec.Seccomp;
import java.util.List;

/** Checks {@code linux.seccomp} against the names libseccomp (and so runc) understands. */
final class SeccompValidator {
    static final List<String> ACTIONS = List.of("SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
            "SCMP_ACT_TRAP", "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY");

    static final List<String> ARCHITECTURES = List.of("SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32",
            "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32",
            "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64",
            "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X", "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64",
            "SCMP_ARCH_RISCV64", "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K", "SCMP_ARCH_SH", "SCMP_ARCH_SHEB");

    static final List<String> OPERATORS = List.of("SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ",
            "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ");

    static final List<String> FLAGS = List.of("SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG",
            "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV");

    private static final String P = "linux.seccomp";

    private final Problems problems;

    SeccompValidator(Problems problems) {
        this.problems = problems;
    }

    void validate(Seccomp s) {
        boolean notifies = "SCMP_ACT_NOTIFY".equals(s.defaultAction());
        if (s.defaultAction() == null) {
            problems.add(P + ".defaultAction", "is required (one of " + String.join(", ", ACTIONS) + ")");
        }
        problems.oneOf(P + ".defaultAction", s.defaultAction(), "a seccomp action", ACTIONS);
        List<String> arches = orEmpty(s.architectures());
        for (int i = 0; i < arches.size(); i++) {
            problems.oneOf(at(P + ".architectures", i), arches.get(i), "a seccomp architecture", ARCHITECTURES);
        }
        List<String> flags = orEmpty(s.flags());
        for (int i = 0; i < flags.size(); i++) {
            problems.oneOf(at(P + ".flags", i), flags.get(i), "a seccomp filter flag", FLAGS);
        }
        List<Seccomp.Syscall> syscalls = orEmpty(s.syscalls());
        for (int i = 0; i < syscalls.size(); i++) {
            String path = at(P + ".syscalls", i);
            Seccomp.Syscall sc = syscalls.get(i);
            if (sc == null) {
                problems.add(path, "must be an object, not null");
                continue;
            }
            if (sc.names() == null || sc.names().isEmpty()) {
                problems.add(path + ".names", "must list at least one syscall name");
            }
            if (sc.action() == null) {
                problems.add(path + ".action", "is required (one of " + String.join(", ", ACTIONS) + ")");
            }
            problems.oneOf(path + ".action", sc.action(), "a seccomp action", ACTIONS);
            notifies |= "SCMP_ACT_NOTIFY".equals(sc.action());
            List<Seccomp.Arg> args = orEmpty(sc.args());
            for (int j = 0; j < args.size(); j++) {
                String argPath = at(path + ".args", j);
                Seccomp.Arg arg = args.get(j);
                if (arg == null) {
                    problems.add(argPath, "must be an object, not null");
                    continue;
                }
                if (arg.index() == null) {
                    problems.add(argPath + ".index", "is required");
                }
                // Syscalls take at most six arguments.
                problems.range(argPath + ".index", arg.index(), 0, 5);
                if (arg.op() == null) {
                    problems.add(argPath + ".op", "is required (one of " + String.join(", ", OPERATORS) + ")");
                }
                problems.oneOf(argPath + ".op", arg.op(), "a seccomp operator", OPERATORS);
            }
        }
        boolean hasListener = s.listenerPath() != null && !s.listenerPath().isEmpty();
        if (notifies && !hasListener) {
            problems.add(P + ".listenerPath", "is required when an SCMP_ACT_NOTIFY action is used");
        } else if (!notifies && hasListener) {
            problems.add(P + ".listenerPath", "is set but no SCMP_ACT_NOTIFY action is used");
        }
    }
}
