package dev.jrun.linux.seccomp;

/** The SCMP_ACT_* values of libseccomp's seccomp.h, for the action names the spec uses. */
final class SeccompAction {
    static final int KILL_THREAD = 0x00000000;
    static final int KILL_PROCESS = 0x80000000;
    static final int TRAP = 0x00030000;
    static final int ERRNO = 0x00050000;
    static final int TRACE = 0x7ff00000;
    static final int LOG = 0x7ffc0000;
    static final int ALLOW = 0x7fff0000;
    static final int NOTIFY = 0x7fc00000;

    /** runc's return code for ERRNO and TRACE without errnoRet. */
    private static final long EPERM = 1;

    private SeccompAction() {}

    static int of(String name, Long errnoRet, String path) {
        long code = errnoRet == null ? EPERM : errnoRet;
        return switch (name) {
            // The spec's SCMP_ACT_KILL is libseccomp's kill-thread, as in runc.
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> KILL_PROCESS;
            case "SCMP_ACT_TRAP" -> TRAP;
            case "SCMP_ACT_ERRNO" -> ERRNO | (int) (code & 0xffff);
            case "SCMP_ACT_TRACE" -> TRACE | (int) (code & 0xffff);
            case "SCMP_ACT_LOG" -> LOG;
            case "SCMP_ACT_ALLOW" -> ALLOW;
            case "SCMP_ACT_NOTIFY" -> NOTIFY;
            case null, default -> throw new SeccompException(path + ": \"" + name
                    + "\" is not a seccomp action (SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, SCMP_ACT_KILL, ...)");
        };
    }
}
