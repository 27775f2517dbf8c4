package dev.jrun.linux.process;

import java.util.List;
import java.util.OptionalInt;

/** Rlimit names as config.json spells them and the kernel's resource numbers (asm-generic/resource.h, x86_64). */
public final class RlimitResources {
    /** Index = resource number. */
    private static final List<String> NAMES = List.of("RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK",
            "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS",
            "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME");

    private RlimitResources() {}

    public static List<String> names() {
        return NAMES;
    }

    /** The resource number of {@code name} ({@code RLIMIT_NOFILE} is 7); empty for an unknown name. */
    public static OptionalInt resource(String name) {
        int n = NAMES.indexOf(name);
        return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** {@code RLIMIT_NOFILE} for 7, {@code "rlimit 16"} for a number the table has no name for. */
    public static String name(int resource) {
        return resource >= 0 && resource < NAMES.size() ? NAMES.get(resource) : "rlimit " + resource;
    }
}
