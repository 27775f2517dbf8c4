package dev.jrun.linux.container;

/**
 * One message on the status pipe: three little-endian 8-byte words, tag and two values, written whole by a single
 * write (atomic on a pipe). The child writes pre-laid-out records from the arena; it cannot format anything.
 */
public record ChildReport(long tag, long a, long b) {
    public static final int SIZE = 24;
    /** The clone returned in the child: the copied JVM state was clean (DESIGN.md section 1). */
    public static final long ALIVE = 1;
    /** The child waits on the sync pipe for the parent (id maps, rlimits, oom_score_adj). */
    public static final long SYNC = 2;
    /** From the intermediate child of a two-clone plan: {@code a} is the init's host pid. */
    public static final long PID = 3;
    /** Set up and waiting on exec.fifo. */
    public static final long READY = 4;
    /** Op {@code a} failed with errno {@code b}. */
    public static final long FAIL = 5;
    /** Mounts are done, pivot_root is next: the parent runs prestart, createRuntime and createContainer hooks. */
    public static final long HOOKS = 6;
    /** The rootfs is final, the user not yet switched: the parent sets rlimits and oom_score_adj (runc's procReady). */
    public static final long LIMITS = 7;

    public static ChildReport parse(byte[] bytes) {
        return new ChildReport(word(bytes, 0), word(bytes, 8), word(bytes, 16));
    }

    static byte[] record(long tag) {
        byte[] out = new byte[SIZE];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (tag >>> (8 * i));
        }
        return out;
    }

    private static long word(byte[] bytes, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes[at + i] & 0xff);
        }
        return v;
    }
}
