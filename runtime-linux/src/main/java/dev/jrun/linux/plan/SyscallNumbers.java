package dev.jrun.linux.plan;

/**
 * x86_64 syscall numbers a container setup uses, from this machine's {@code asm/unistd_64.h} (a test checks them
 * against the header where it is installed). x86_64 only: other architectures number differently.
 */
public final class SyscallNumbers {
    public static final int READ = 0;
    public static final int WRITE = 1;
    public static final int CLOSE = 3;
    public static final int POLL = 7;
    public static final int RT_SIGPROCMASK = 14;
    public static final int IOCTL = 16;
    public static final int GETPID = 39;
    public static final int CLONE = 56;
    public static final int EXECVE = 59;
    public static final int EXIT = 60;
    public static final int WAIT4 = 61;
    public static final int KILL = 62;
    public static final int FCNTL = 72;
    public static final int CHDIR = 80;
    public static final int FCHDIR = 81;
    public static final int FCHOWN = 93;
    public static final int UMASK = 95;
    public static final int SETGROUPS = 116;
    public static final int SETRESUID = 117;
    public static final int SETRESGID = 119;
    public static final int CAPSET = 126;
    public static final int PERSONALITY = 135;
    public static final int PIVOT_ROOT = 155;
    public static final int PRCTL = 157;
    public static final int SETRLIMIT = 160;
    public static final int CHROOT = 161;
    public static final int MOUNT = 165;
    public static final int UMOUNT2 = 166;
    public static final int SETHOSTNAME = 170;
    public static final int SETDOMAINNAME = 171;
    public static final int EXIT_GROUP = 231;
    public static final int KEYCTL = 250;
    public static final int OPENAT = 257;
    public static final int MKDIRAT = 258;
    public static final int MKNODAT = 259;
    public static final int FCHOWNAT = 260;
    public static final int UNLINKAT = 263;
    public static final int SYMLINKAT = 266;
    public static final int FCHMODAT = 268;
    public static final int FACCESSAT = 269;
    public static final int UNSHARE = 272;
    public static final int DUP3 = 292;
    public static final int PIPE2 = 293;
    public static final int PRLIMIT64 = 302;
    public static final int SETNS = 308;
    public static final int SECCOMP = 317;
    public static final int EXECVEAT = 322;
    public static final int CLONE3 = 435;
    public static final int CLOSE_RANGE = 436;
    public static final int OPENAT2 = 437;
    public static final int MOUNT_SETATTR = 442;

    private SyscallNumbers() {}

    /** The syscall's name, for rendering calls; {@code "syscall_N"} for one not listed here. */
    public static String name(long nr) {
        if (nr < 0 || nr > Integer.MAX_VALUE) {
            return "syscall_" + nr;
        }
        return switch ((int) nr) {
            case READ -> "read";
            case WRITE -> "write";
            case CLOSE -> "close";
            case POLL -> "poll";
            case RT_SIGPROCMASK -> "rt_sigprocmask";
            case IOCTL -> "ioctl";
            case GETPID -> "getpid";
            case CLONE -> "clone";
            case EXECVE -> "execve";
            case EXIT -> "exit";
            case WAIT4 -> "wait4";
            case KILL -> "kill";
            case FCNTL -> "fcntl";
            case CHDIR -> "chdir";
            case FCHDIR -> "fchdir";
            case FCHOWN -> "fchown";
            case UMASK -> "umask";
            case SETGROUPS -> "setgroups";
            case SETRESUID -> "setresuid";
            case SETRESGID -> "setresgid";
            case CAPSET -> "capset";
            case PERSONALITY -> "personality";
            case PIVOT_ROOT -> "pivot_root";
            case PRCTL -> "prctl";
            case SETRLIMIT -> "setrlimit";
            case CHROOT -> "chroot";
            case MOUNT -> "mount";
            case UMOUNT2 -> "umount2";
            case SETHOSTNAME -> "sethostname";
            case SETDOMAINNAME -> "setdomainname";
            case EXIT_GROUP -> "exit_group";
            case KEYCTL -> "keyctl";
            case OPENAT -> "openat";
            case MKDIRAT -> "mkdirat";
            case MKNODAT -> "mknodat";
            case FCHOWNAT -> "fchownat";
            case UNLINKAT -> "unlinkat";
            case SYMLINKAT -> "symlinkat";
            case FCHMODAT -> "fchmodat";
            case FACCESSAT -> "faccessat";
            case UNSHARE -> "unshare";
            case DUP3 -> "dup3";
            case PIPE2 -> "pipe2";
            case PRLIMIT64 -> "prlimit64";
            case SETNS -> "setns";
            case SECCOMP -> "seccomp";
            case EXECVEAT -> "execveat";
            case CLONE3 -> "clone3";
            case CLOSE_RANGE -> "close_range";
            case OPENAT2 -> "openat2";
            case MOUNT_SETATTR -> "mount_setattr";
            default -> "syscall_" + nr;
        };
    }
}
