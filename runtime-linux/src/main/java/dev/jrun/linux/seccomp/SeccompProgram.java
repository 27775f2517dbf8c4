package dev.jrun.linux.seccomp;

/**
 * A seccomp filter ready for seccomp(SECCOMP_SET_MODE_FILTER): the classic-BPF program libseccomp exported, and the
 * filter flags to load it with.
 *
 * @param filter struct sock_filter[] in this machine's byte order (8 bytes per instruction)
 * @param flags SECCOMP_FILTER_FLAG_* bits (LOG, SPEC_ALLOW, NEW_LISTENER when an action is SCMP_ACT_NOTIFY, ...)
 * @param newListener some rule (or the default) is SCMP_ACT_NOTIFY: loading returns a listener fd
 */
public record SeccompProgram(byte[] filter, long flags, boolean newListener) {
    public int instructions() {
        return filter.length / 8;
    }
}
