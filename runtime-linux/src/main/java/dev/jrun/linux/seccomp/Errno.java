package dev.jrun.linux.seccomp;

import java.util.Map;

/** Names for the errno values libseccomp returns (negated), so messages say EINVAL rather than 22. */
final class Errno {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"),
            Map.entry(14, "EFAULT"), Map.entry(17, "EEXIST"), Map.entry(22, "EINVAL"), Map.entry(24, "EMFILE"),
            Map.entry(38, "ENOSYS"), Map.entry(95, "EOPNOTSUPP"), Map.entry(125, "ECANCELED"));

    private Errno() {}

    static String describe(int errno) {
        String name = NAMES.get(errno);
        return name == null ? "errno " + errno : name + " (errno " + errno + ")";
    }
}
