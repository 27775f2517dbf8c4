package dev.jrun.linux.seccomp;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.util.Base64;

/**
 * Run in a child JVM by {@link SeccompLoadTest}: sets no_new_privs, loads a compiled filter with seccomp(2) and makes
 * raw syscalls, printing "name=result errno" per call. A filter without TSYNC binds only the calling thread, so
 * everything happens on the main thread, and the syscalls go straight to the kernel (no JDK code in between).
 *
 * <p>Arguments: base64 program, flags, then calls: {@code mkdir:<path>}, {@code personality:<n>}, {@code getppid}.
 */
public final class SeccompLoadProbe {
    private static final long SYS_MKDIR = 83;
    private static final long SYS_GETPPID = 110;
    private static final long SYS_PERSONALITY = 135;
    private static final long SYS_PRCTL = 157;
    private static final long SYS_SECCOMP = 317;
    private static final long PR_SET_NO_NEW_PRIVS = 38;
    private static final long SECCOMP_SET_MODE_FILTER = 1;

    static {
        Native.register(SeccompLoadProbe.class, Platform.C_LIBRARY_NAME);
    }

    private static native long syscall(long number, long a0, long a1, long a2, long a3, long a4, long a5);

    public static void main(String[] args) {
        byte[] program = Base64.getDecoder().decode(args[0]);
        long flags = Long.parseLong(args[1]);
        Memory filter = new Memory(program.length);
        filter.write(0, program, 0, program.length);
        // struct sock_fprog { unsigned short len; /* padding */ struct sock_filter *filter; }
        Memory fprog = new Memory(16);
        fprog.clear();
        fprog.setShort(0, (short) (program.length / 8));
        fprog.setPointer(8, filter);
        Memory[] keep = new Memory[args.length];
        for (int i = 2; i < args.length; i++) {
            int colon = args[i].indexOf(':');
            if (colon > 0 && args[i].startsWith("mkdir")) {
                keep[i] = new Memory(args[i].length() * 4L + 1);
                keep[i].setString(0, args[i].substring(colon + 1));
            }
        }
        StringBuilder out = new StringBuilder();
        report(out, "nnp", syscall(SYS_PRCTL, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0));
        report(out, "load", syscall(SYS_SECCOMP, SECCOMP_SET_MODE_FILTER, flags, Pointer.nativeValue(fprog), 0, 0, 0));
        for (int i = 2; i < args.length; i++) {
            String call = args[i];
            long rc;
            if (call.startsWith("mkdir:")) {
                rc = syscall(SYS_MKDIR, Pointer.nativeValue(keep[i]), 0755, 0, 0, 0, 0);
            } else if (call.startsWith("personality:")) {
                rc = syscall(SYS_PERSONALITY, Long.decode(call.substring("personality:".length())), 0, 0, 0, 0, 0);
            } else if (call.equals("getppid")) {
                rc = syscall(SYS_GETPPID, 0, 0, 0, 0, 0, 0);
            } else {
                throw new IllegalArgumentException("unknown call " + call);
            }
            report(out, call, rc);
        }
        System.out.print(out);
        System.out.flush();
    }

    private static void report(StringBuilder out, String name, long rc) {
        int errno = rc < 0 ? Native.getLastError() : 0;
        out.append(name).append('=').append(rc < 0 ? "-1" : "ok").append(' ').append(errno).append('\n');
    }
}
