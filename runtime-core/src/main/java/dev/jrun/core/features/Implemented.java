package dev.jrun.core.features;

import java.util.List;

/**
 * The single source of truth for what jrun really implements. {@code jrun features} renders it, and the support
 * check that {@code create} runs refuses any config that asks for something missing here, so that no container ever
 * runs with less isolation than its config asked for. Add to a list only in the change that makes the feature work
 * and tests it for real.
 */
public final class Implemented {
    private Implemented() {
    }

    /** Oldest config version jrun accepts. */
    public static final String OCI_VERSION_MIN = "1.0.0";
    /** Newest runtime-spec version jrun knows; also the ociVersion jrun writes. */
    public static final String OCI_VERSION_MAX = "1.2.1";

    /** Hook kinds that run, at the moments and in the namespaces runtime-spec says. */
    public static final List<String> HOOKS = List.of("prestart", "createRuntime", "createContainer", "startContainer",
            "poststart", "poststop");
    /**
     * Mount options jrun applies: runc 1.1.5's table less tmpcopyup, which jrun refuses (a test in runtime-linux
     * keeps this equal to what {@code MountOptions} implements).
     */
    public static final List<String> MOUNT_OPTIONS = List.of("acl", "async", "atime", "bind", "defaults", "dev",
            "diratime", "dirsync", "exec", "iversion", "lazytime", "loud", "mand", "noacl", "noatime", "nodev",
            "nodiratime", "noexec", "noiversion", "nolazytime", "nomand", "norelatime", "nostrictatime", "nosuid",
            "nosymfollow", "private", "ratime", "rbind", "rdev", "rdiratime", "relatime", "remount", "rexec",
            "rnoatime", "rnodev", "rnodiratime", "rnoexec", "rnorelatime", "rnostrictatime", "rnosuid",
            "rnosymfollow", "ro", "rprivate", "rrelatime", "rro", "rrw", "rshared", "rslave", "rstrictatime",
            "rsuid", "rsymfollow", "runbindable", "rw", "shared", "silent", "slave", "strictatime", "suid",
            "symfollow", "sync", "unbindable");
    /** Namespace types jrun can create or join (runc's order in `runc features`). */
    public static final List<String> NAMESPACES = List.of("cgroup", "ipc", "mount", "network", "pid", "time", "user",
            "uts");
    /** Capability names jrun can set, index = kernel bit number (CapabilityBits maps them; a test checks the bits). */
    public static final List<String> CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
            "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
            "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
            "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
            "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

    public static final boolean CGROUP_V1 = true;
    public static final boolean CGROUP_V2 = true;
    public static final boolean CGROUP_SYSTEMD = false;
    public static final boolean CGROUP_SYSTEMD_USER = false;
    public static final boolean CGROUP_RDMA = true;
    public static final boolean SECCOMP = true;
    /** Every action but SCMP_ACT_NOTIFY (listeners come later). */
    public static final List<String> SECCOMP_ACTIONS = List.of("SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL",
            "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_LOG", "SCMP_ACT_TRACE", "SCMP_ACT_TRAP");
    public static final List<String> SECCOMP_OPERATORS = List.of("SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT",
            "SCMP_CMP_LE", "SCMP_CMP_LT", "SCMP_CMP_MASKED_EQ", "SCMP_CMP_NE");
    /** What libseccomp 2.5 (Debian 12's) knows. */
    public static final List<String> SECCOMP_ARCHS = List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM", "SCMP_ARCH_MIPS",
            "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64",
            "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64",
            "SCMP_ARCH_PPC64LE", "SCMP_ARCH_RISCV64", "SCMP_ARCH_S390", "SCMP_ARCH_S390X", "SCMP_ARCH_X32",
            "SCMP_ARCH_X86", "SCMP_ARCH_X86_64");
    public static final List<String> SECCOMP_KNOWN_FLAGS = List.of("SECCOMP_FILTER_FLAG_TSYNC",
            "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV");
    /** WAIT_KILLABLE_RECV needs libseccomp 2.6. */
    public static final List<String> SECCOMP_SUPPORTED_FLAGS = List.of("SECCOMP_FILTER_FLAG_TSYNC",
            "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW");
    public static final boolean APPARMOR = false;
    public static final boolean SELINUX = false;
    public static final boolean INTEL_RDT = false;
    public static final boolean IDMAP_MOUNTS = false;
}
