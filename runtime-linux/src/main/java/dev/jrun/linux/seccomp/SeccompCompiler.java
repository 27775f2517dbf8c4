package dev.jrun.linux.seccomp;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.jrun.core.spec.Seccomp;
import java.util.List;
import java.util.Locale;

/**
 * Compiles linux.seccomp into a {@link SeccompProgram} with libseccomp (through JNA), with runc 1.1.5's semantics:
 * Kill means kill-thread, ERRNO and TRACE default to EPERM, rules equal to the default action and syscall names this
 * libseccomp does not know are skipped, and arguments on distinct indexes are ANDed in one rule while a repeated
 * index falls back to one rule per argument (ORed).
 *
 * <p>The filter is exported, not loaded: the caller loads it with seccomp(2) and {@link SeccompProgram#flags()}.
 * libseccomp is therefore told not to want no_new_privs (the runtime sets it, when the spec asks, itself).
 */
public final class SeccompCompiler {
    private static final String P = "linux.seccomp";

    // enum scmp_filter_attr
    private static final int ATTR_CTL_NNP = 3;
    private static final int ATTR_CTL_LOG = 6;
    private static final int ATTR_CTL_SSB = 7;
    private static final int ATTR_CTL_WAITKILL = 10;

    // SECCOMP_FILTER_FLAG_* (linux/seccomp.h)
    static final long FLAG_LOG = 1L << 1;
    static final long FLAG_SPEC_ALLOW = 1L << 2;
    static final long FLAG_NEW_LISTENER = 1L << 3;
    static final long FLAG_WAIT_KILLABLE_RECV = 1L << 5;

    private static final int NR_SCMP_ERROR = -1;
    /** seccomp_api_get() level with user notification (libseccomp >= 2.5.0 on Linux >= 5.7), as runc requires. */
    private static final int API_LEVEL_NOTIFY = 6;
    private static final int EEXIST = 17;
    /** struct scmp_arg_cmp: unsigned int arg; enum scmp_compare op; scmp_datum_t datum_a, datum_b. */
    private static final int ARG_CMP_SIZE = 24;

    private SeccompCompiler() {}

    public static SeccompProgram compile(Seccomp seccomp) {
        if (seccomp == null) {
            throw new SeccompException(P + " is absent: there is no filter to compile");
        }
        int defaultAction = SeccompAction.of(seccomp.defaultAction(), seccomp.defaultErrnoRet(), P + ".defaultAction");
        if (defaultAction == SeccompAction.NOTIFY) {
            // runc refuses it too: every syscall, write included, would wait for an agent that cannot get the fd yet.
            throw new SeccompException(P + ".defaultAction: SCMP_ACT_NOTIFY cannot be the default action; "
                    + "use it only on the syscalls the agent handles");
        }
        List<Seccomp.Syscall> syscalls = seccomp.syscalls() == null ? List.of() : seccomp.syscalls();
        boolean notify = checkNotify(syscalls);
        try {
            LibSeccomp.load();
        } catch (LinkageError e) {
            throw new SeccompException(P + " is set but libseccomp cannot be loaded (looked up \"seccomp\" and "
                    + LibSeccomp.FALLBACK_PATH + "): install libseccomp2", e);
        }
        if (notify && LibSeccomp.seccomp_api_get() < API_LEVEL_NOTIFY) {
            throw new SeccompException(P + ": SCMP_ACT_NOTIFY needs libseccomp API level " + API_LEVEL_NOTIFY
                    + ", this machine has " + LibSeccomp.seccomp_api_get()
                    + " (libseccomp >= 2.5.0 and Linux >= 5.7 are required)");
        }
        Pointer ctx = LibSeccomp.seccomp_init(defaultAction);
        if (ctx == null) {
            throw new SeccompException(P + ".defaultAction: libseccomp refused to create a filter with "
                    + seccomp.defaultAction());
        }
        try {
            check(LibSeccomp.seccomp_attr_set(ctx, ATTR_CTL_NNP, 0), P, "cannot clear libseccomp's no_new_privs attribute");
            addArchitectures(ctx, seccomp.architectures());
            long flags = setFlags(ctx, seccomp.flags());
            for (int i = 0; i < syscalls.size(); i++) {
                addSyscall(ctx, syscalls.get(i), P + ".syscalls[" + i + "]", defaultAction);
            }
            if (notify) {
                flags |= FLAG_NEW_LISTENER;
            }
            return new SeccompProgram(export(ctx), flags, notify);
        } finally {
            LibSeccomp.seccomp_release(ctx);
        }
    }

    private static boolean checkNotify(List<Seccomp.Syscall> syscalls) {
        boolean notify = false;
        for (int i = 0; i < syscalls.size(); i++) {
            Seccomp.Syscall call = syscalls.get(i);
            if (call == null || !"SCMP_ACT_NOTIFY".equals(call.action())) {
                continue;
            }
            notify = true;
            List<String> names = call.names() == null ? List.of() : call.names();
            int write = names.indexOf("write");
            if (write >= 0) {
                // The runtime reports the listener fd to its parent with write(2); notifying on it would hang start.
                throw new SeccompException(P + ".syscalls[" + i + "].names[" + write
                        + "]: SCMP_ACT_NOTIFY cannot be used for the write syscall (as in runc)");
            }
        }
        return notify;
    }

    private static void addArchitectures(Pointer ctx, List<String> architectures) {
        if (architectures == null) {
            return;
        }
        for (int i = 0; i < architectures.size(); i++) {
            String path = P + ".architectures[" + i + "]";
            String arch = architectures.get(i);
            if (arch == null || !arch.startsWith("SCMP_ARCH_")) {
                throw new SeccompException(path + ": \"" + arch + "\" is not a seccomp architecture (SCMP_ARCH_...)");
            }
            int token = LibSeccomp.seccomp_arch_resolve_name(arch.substring("SCMP_ARCH_".length()).toLowerCase(Locale.ROOT));
            if (token == 0) {
                throw new SeccompException(path + ": " + arch + " is not known to this libseccomp; remove it or "
                        + "install a libseccomp that supports it");
            }
            int rc = LibSeccomp.seccomp_arch_add(ctx, token);
            // The native architecture is in every new filter; listing it again is normal.
            if (rc != -EEXIST) {
                check(rc, path, "cannot add " + arch + " to the filter");
            }
        }
    }

    private static long setFlags(Pointer ctx, List<String> specFlags) {
        long flags = 0;
        if (specFlags == null) {
            return flags;
        }
        for (int i = 0; i < specFlags.size(); i++) {
            String path = P + ".flags[" + i + "]";
            String flag = specFlags.get(i);
            switch (flag) {
                // Threads of the runtime's init end at execve anyway, so syncing them buys nothing (runc ignores it).
                case "SECCOMP_FILTER_FLAG_TSYNC" -> {}
                case "SECCOMP_FILTER_FLAG_LOG" -> {
                    check(LibSeccomp.seccomp_attr_set(ctx, ATTR_CTL_LOG, 1), path,
                            "libseccomp or the kernel does not support SECCOMP_FILTER_FLAG_LOG");
                    flags |= FLAG_LOG;
                }
                case "SECCOMP_FILTER_FLAG_SPEC_ALLOW" -> {
                    check(LibSeccomp.seccomp_attr_set(ctx, ATTR_CTL_SSB, 1), path,
                            "libseccomp or the kernel does not support SECCOMP_FILTER_FLAG_SPEC_ALLOW");
                    flags |= FLAG_SPEC_ALLOW;
                }
                case "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV" -> {
                    check(LibSeccomp.seccomp_attr_set(ctx, ATTR_CTL_WAITKILL, 1), path,
                            "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV needs libseccomp >= 2.6.0 and Linux >= 5.19; "
                                    + "remove the flag or upgrade");
                    flags |= FLAG_WAIT_KILLABLE_RECV;
                }
                case null, default -> throw new SeccompException(path + ": \"" + flag
                        + "\" is not a seccomp filter flag this runtime supports");
            }
        }
        return flags;
    }

    private static void addSyscall(Pointer ctx, Seccomp.Syscall call, String path, int defaultAction) {
        if (call == null) {
            throw new SeccompException(path + " must be an object, not null");
        }
        int action = SeccompAction.of(call.action(), call.errnoRet(), path + ".action");
        if (action == defaultAction) {
            // libseccomp refuses a rule that does what the default does; runc drops it silently.
            return;
        }
        List<String> names = call.names() == null ? List.of() : call.names();
        List<Seccomp.Arg> args = call.args() == null ? List.of() : call.args();
        Memory conditions = args.isEmpty() ? null : conditions(args, path);
        boolean indexRepeats = args.stream().map(Seccomp.Arg::index).distinct().count() < args.size();
        for (int j = 0; j < names.size(); j++) {
            String namePath = path + ".names[" + j + "]";
            String name = names.get(j);
            if (name == null || name.isEmpty()) {
                throw new SeccompException(namePath + ": an empty name is not a syscall");
            }
            int nr = LibSeccomp.seccomp_syscall_resolve_name(name);
            if (nr == NR_SCMP_ERROR) {
                // Unknown to this libseccomp: assume the kernel lacks it too, as runc does.
                continue;
            }
            String what = "cannot add the rule for syscall " + name;
            if (args.isEmpty()) {
                check(LibSeccomp.seccomp_rule_add_array(ctx, action, nr, 0, null), namePath, what);
            } else if (!indexRepeats) {
                check(LibSeccomp.seccomp_rule_add_array(ctx, action, nr, args.size(), conditions), namePath, what);
            } else {
                // libseccomp cannot AND two checks of one argument; runc then adds one rule per check (an OR).
                for (int k = 0; k < args.size(); k++) {
                    check(LibSeccomp.seccomp_rule_add_array(ctx, action, nr, 1, conditions.share((long) k * ARG_CMP_SIZE)),
                            path + ".args[" + k + "]", what);
                }
            }
        }
    }

    private static Memory conditions(List<Seccomp.Arg> args, String path) {
        Memory array = new Memory((long) args.size() * ARG_CMP_SIZE);
        array.clear();
        for (int k = 0; k < args.size(); k++) {
            String argPath = path + ".args[" + k + "]";
            Seccomp.Arg arg = args.get(k);
            if (arg == null) {
                throw new SeccompException(argPath + " must be an object, not null");
            }
            if (arg.index() == null || arg.index() < 0 || arg.index() > 5) {
                throw new SeccompException(argPath + ".index must be 0 to 5 (a syscall has six arguments), not "
                        + arg.index());
            }
            long offset = (long) k * ARG_CMP_SIZE;
            array.setInt(offset, arg.index().intValue());
            array.setInt(offset + 4, SeccompOperator.of(arg.op(), argPath + ".op"));
            // For SCMP_CMP_MASKED_EQ datum_a is the mask and datum_b the value it must equal, as runc passes them.
            array.setLong(offset + 8, arg.value() == null ? 0 : arg.value());
            array.setLong(offset + 16, arg.valueTwo() == null ? 0 : arg.valueTwo());
        }
        return array;
    }

    private static byte[] export(Pointer ctx) {
        try (Memfd memfd = Memfd.create("jrun-seccomp")) {
            check(LibSeccomp.seccomp_export_bpf(ctx, memfd.fd()), P, "cannot export the compiled filter");
            byte[] program = memfd.readAll();
            if (program.length == 0 || program.length % 8 != 0) {
                throw new SeccompException(P + ": libseccomp exported " + program.length
                        + " bytes, not a whole number of BPF instructions");
            }
            return program;
        }
    }

    private static void check(int rc, String path, String what) {
        if (rc < 0) {
            throw new SeccompException(path + ": " + what + ": libseccomp returned " + Errno.describe(-rc));
        }
    }
}
