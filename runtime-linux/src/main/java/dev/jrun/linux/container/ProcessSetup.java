package dev.jrun.linux.container;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.IdMapping;
import dev.jrun.core.spec.Linux;
import dev.jrun.core.spec.Process;
import dev.jrun.linux.plan.Arg;
import dev.jrun.linux.plan.Condition;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.Label;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.SyscallNumbers;
import dev.jrun.linux.process.CapabilityBits;
import dev.jrun.linux.process.ExecutableLookup;
import dev.jrun.linux.process.HomeDirectory;
import dev.jrun.linux.process.ProcessEnvironment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The container process's own attributes, emitted as plan ops: noNewPrivileges, bounding set, user and groups,
 * capability sets, ambient set, cwd, umask, the executable lookup (reported before the container waits in created),
 * and the final execve. Rlimits and oom_score_adj are set by the parent ({@link dev.jrun.linux.process.ProcessLimits}).
 *
 * <p>The order is runc 1.1.5's (finalizeRootfs, then finalizeNamespace in standard_init_linux.go): umask; no_new_privs;
 * a first chdir (retried after the user change if it was refused, so a cwd only the container user can enter works);
 * the bounding set; keep-caps across the uid change; groups, gid, uid; capset; ambient raises; the executable check.
 */
public final class ProcessSetup {
    static final long AT_FDCWD = -100;
    static final long PR_SET_KEEPCAPS = 8;
    static final long PR_CAPBSET_DROP = 24;
    static final long PR_SET_NO_NEW_PRIVS = 38;
    static final long PR_CAP_AMBIENT = 47;
    static final long PR_CAP_AMBIENT_RAISE = 2;
    static final long PR_CAP_AMBIENT_CLEAR_ALL = 4;
    static final long F_SETFD = 2;
    static final long X_OK = 1;
    static final long O_PATH = 010000000;
    static final long O_DIRECTORY = 0200000;
    static final long O_CLOEXEC = 02000000;
    static final long AT_EMPTY_PATH = 0x1000;
    static final long CLOSE_RANGE_CLOEXEC = 4;
    static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    /** runc's umask when process.user.umask is absent (finalizeRootfs). */
    static final int DEFAULT_UMASK = 022;

    private ProcessSetup() {}

    /**
     * Everything up to and including the executable check, run after the rootfs is final (after pivot_root and
     * readonly/masked paths). A missing executable fails the plan at an op whose description contains {@code
     * executable file not found in $PATH} (a bare name) or {@code no such file or directory} (a path).
     *
     * @throws JrunException for what the parent can tell is wrong before the child runs (a malformed env entry)
     */
    public static void emitSetup(PlanBuilder b, PlanContext ctx) {
        emitSetup(b, ctx, CapabilityBits.hostLastCap());
    }

    /** As {@link #emitSetup(PlanBuilder, PlanContext)} for a kernel whose highest capability is {@code lastCap}. */
    static void emitSetup(PlanBuilder b, PlanContext ctx, int lastCap) {
        Process p = ctx.spec().process();
        Process.User user = p.user();
        long uid = user == null || user.uid() == null ? 0 : user.uid();
        long gid = user == null || user.gid() == null ? 0 : user.gid();
        List<Long> groups = user == null || user.additionalGids() == null ? List.of() : user.additionalGids();
        List<String> env = environment(ctx);
        requireMapped(ctx, uid, gid);

        String cwd = p.cwd() == null || p.cwd().isEmpty() ? null : p.cwd();
        long umask = user != null && user.umask() != null ? user.umask() : DEFAULT_UMASK;
        b.sys("set umask to 0" + Long.toOctalString(umask), SyscallNumbers.UMASK, imm(umask));
        if (Boolean.TRUE.equals(p.noNewPrivileges())) {
            b.sys("set no_new_privs (prctl PR_SET_NO_NEW_PRIVS)", SyscallNumbers.PRCTL, imm(PR_SET_NO_NEW_PRIVS),
                    imm(1), imm(0), imm(0), imm(0));
        }
        for (int fd = 3; fd < 3 + ctx.preserveFds(); fd++) {
            b.sys("keep fd " + fd + " open across exec (--preserve-fds)", SyscallNumbers.FCNTL, imm(fd), imm(F_SETFD),
                    imm(0));
        }
        if (SeccompLoad.beforeCapabilities(ctx.spec())) {
            SeccompLoad.emit(b, SeccompLoad.of(ctx.spec()));
        }

        String chdirFailed = "chdir to cwd (\"" + cwd + "\") set in config.json failed";
        Arg.Reg firstChdir = null;
        if (cwd != null) {
            // Before the user change, as runc: the host's root may reach what the container user cannot. A refusal
            // is retried as the container user (a volume chowned to that user).
            firstChdir = b.register();
            int at = b.arena().string(cwd);
            b.sys(chdirFailed, SyscallNumbers.CHDIR, addr(at)).into(firstChdir).expecting(Errno.EACCES, Errno.EPERM);
        }

        Process.Capabilities caps = p.capabilities();
        long bounding = caps == null ? 0 : CapabilityBits.mask(caps.bounding(), lastCap);
        for (int bit = 0; bit <= lastCap; bit++) {
            if ((bounding & (1L << bit)) == 0) {
                // EINVAL: a capability this kernel does not have (gocapability ignores it too).
                b.sys("drop " + CapabilityBits.name(bit) + " from the bounding set", SyscallNumbers.PRCTL,
                        imm(PR_CAPBSET_DROP), imm(bit), imm(0), imm(0), imm(0)).expecting(Errno.EINVAL);
            }
        }
        b.sys("keep capabilities across the uid change (prctl PR_SET_KEEPCAPS)", SyscallNumbers.PRCTL,
                imm(PR_SET_KEEPCAPS), imm(1), imm(0), imm(0), imm(0));
        setGroups(b, ctx, groups);
        b.sys("set gid to " + gid + " (setresgid)", SyscallNumbers.SETRESGID, imm(gid), imm(gid), imm(gid));
        b.sys("set uid to " + uid + " (setresuid)", SyscallNumbers.SETRESUID, imm(uid), imm(uid), imm(uid));
        if (cwd != null) {
            Label entered = b.label("cwd entered");
            b.jumpIf("cwd already entered", firstChdir, Condition.EQ, 0, entered);
            int at = b.arena().string(cwd);
            b.sys(chdirFailed, SyscallNumbers.CHDIR, addr(at));
            b.bind(entered);
        }
        b.sys("stop keeping capabilities (prctl PR_SET_KEEPCAPS)", SyscallNumbers.PRCTL, imm(PR_SET_KEEPCAPS), imm(0),
                imm(0), imm(0), imm(0));

        long effective = caps == null ? 0 : CapabilityBits.mask(caps.effective(), lastCap);
        long permitted = caps == null ? 0 : CapabilityBits.mask(caps.permitted(), lastCap);
        long inheritable = caps == null ? 0 : CapabilityBits.mask(caps.inheritable(), lastCap);
        long ambient = caps == null ? 0 : CapabilityBits.mask(caps.ambient(), lastCap);
        int header = b.arena().bytes(capHeader(), 8);
        int data = b.arena().bytes(capData(effective, permitted, inheritable), 8);
        b.sys("set capabilities (effective 0x" + Long.toHexString(effective) + ", permitted 0x"
                + Long.toHexString(permitted) + ", inheritable 0x" + Long.toHexString(inheritable) + ")",
                SyscallNumbers.CAPSET, addr(header), addr(data));
        // The JVM's ambient set, if any, must not leak in; then raise the configured ones. A raise of a capability
        // not both permitted and inheritable is refused (EPERM), and runc ignores that: so does jrun.
        b.sys("clear the ambient capability set", SyscallNumbers.PRCTL, imm(PR_CAP_AMBIENT),
                imm(PR_CAP_AMBIENT_CLEAR_ALL), imm(0), imm(0), imm(0)).expecting(Errno.EINVAL);
        for (int bit = 0; bit <= lastCap; bit++) {
            if ((ambient & (1L << bit)) != 0) {
                b.sys("raise ambient " + CapabilityBits.name(bit), SyscallNumbers.PRCTL, imm(PR_CAP_AMBIENT),
                        imm(PR_CAP_AMBIENT_RAISE), imm(bit), imm(0), imm(0)).expecting(Errno.EPERM, Errno.EINVAL);
            }
        }

        checkExecutable(b, lookup(p, env));
    }

    /** close_range, then execve of each candidate in order: the last ops before the plan's failure handler. */
    public static void emitExec(PlanBuilder b, PlanContext ctx) {
        Process p = ctx.spec().process();
        List<String> env = environment(ctx);
        ExecutableLookup lookup = lookup(p, env);
        long first = 3L + ctx.preserveFds();
        b.sys("mark fds from " + first + " close-on-exec (close_range)", SyscallNumbers.CLOSE_RANGE, imm(first),
                imm(0xffff_ffffL), imm(CLOSE_RANGE_CLOEXEC));
        if (SeccompLoad.beforeExec(ctx.spec())) {
            SeccompLoad.emit(b, SeccompLoad.of(ctx.spec()));
        }
        int argv = b.arena().stringArray(p.args());
        int envp = b.arena().stringArray(env);
        List<String> candidates = lookup.execCandidates();
        if (candidates.isEmpty()) {
            // The check in emitSetup already failed the plan; keep a failing op here all the same.
            failWithEnoent(b, "exec: \"" + lookup.name() + "\": executable file not found in $PATH");
            return;
        }
        for (int i = 0; i < candidates.size(); i++) {
            String path = candidates.get(i);
            int at = b.arena().string(path);
            PlanBuilder.SysOp op = b.sys("exec " + path, SyscallNumbers.EXECVE, addr(at), addr(argv), addr(envp));
            if (i < candidates.size() - 1) {
                op.expecting(Errno.ENOENT, Errno.EACCES, Errno.ENOTDIR);
            }
        }
    }

    /** The envp the process gets: process.env as runc sets it, with HOME from the rootfs's /etc/passwd if missing. */
    static List<String> environment(PlanContext ctx) {
        Process p = ctx.spec().process();
        long uid = p.user() == null || p.user().uid() == null ? 0 : p.user().uid();
        List<String> env = p.env() == null ? List.of() : p.env();
        // The passwd file is read only when HOME is missing or empty.
        String home = ProcessEnvironment.needsHome(env) ? HomeDirectory.inRootfs(ctx.rootfs(), uid) : null;
        return ProcessEnvironment.of(env, home);
    }

    static ExecutableLookup lookup(Process p, List<String> env) {
        if (p.args() == null || p.args().isEmpty()) {
            throw new JrunException("process.args must name the program to run");
        }
        return ExecutableLookup.of(p.args().getFirst(), ProcessEnvironment.get(env, "PATH"));
    }

    /**
     * runc checks that the user is mapped before setuid would fail with a bare EINVAL; the parent knows the maps of
     * a new user namespace (a joined one's are not in the config, and the kernel decides there).
     */
    private static void requireMapped(PlanContext ctx, long uid, long gid) {
        Linux linux = ctx.spec().linux();
        if (!ctx.userNamespace() || linux == null) {
            return;
        }
        if (linux.uidMappings() != null && !linux.uidMappings().isEmpty() && !mapped(linux.uidMappings(), uid)) {
            throw new JrunException("cannot set uid to unmapped user in user namespace");
        }
        if (linux.gidMappings() != null && !linux.gidMappings().isEmpty() && !mapped(linux.gidMappings(), gid)) {
            throw new JrunException("cannot set gid to unmapped user in user namespace");
        }
    }

    private static boolean mapped(List<IdMapping> mappings, long id) {
        for (IdMapping m : mappings) {
            long start = m.containerID() == null ? 0 : m.containerID();
            long size = m.size() == null ? 0 : m.size();
            if (id >= start && id - start < size) {
                return true;
            }
        }
        return false;
    }

    /**
     * runc creates a missing cwd (mkdir -p, 0755) right after pivot_root, before the root goes read-only; {@link
     * RootfsSetup} calls this there. EROFS on a component (a read-only bind above it) is let through, and the chdir
     * of {@link #emitSetup} reports the missing directory.
     */
    static void emitCreateCwd(PlanBuilder b, PlanContext ctx) {
        String cwd = ctx.spec().process() == null ? null : ctx.spec().process().cwd();
        if (cwd == null || cwd.isEmpty()) {
            return;
        }
        StringBuilder prefix = new StringBuilder();
        for (String part : cwd.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            prefix.append('/').append(part);
            int at = b.arena().string(prefix.toString());
            b.sys("create cwd: mkdir " + prefix, SyscallNumbers.MKDIRAT, imm(AT_FDCWD), addr(at), imm(0755))
                    .expecting(Errno.EEXIST, Errno.EROFS);
        }
    }

    /**
     * runc sets the groups whenever setgroups is allowed, to the additional gids only (its user spec is always
     * "uid:gid", so /etc/group adds nothing); it skips the call where /proc/self/setgroups says "deny" (an
     * unprivileged user namespace). The plan cannot read that file, so in a user namespace an EPERM is let through
     * when no groups were asked for, and reported when some were.
     */
    private static void setGroups(PlanBuilder b, PlanContext ctx, List<Long> groups) {
        ByteBuffer gids = ByteBuffer.allocate(Math.max(4, 4 * groups.size())).order(ByteOrder.LITTLE_ENDIAN);
        for (long g : groups) {
            gids.putInt((int) g);
        }
        int at = b.arena().bytes(gids.array(), 8);
        String description = groups.isEmpty() ? "clear supplementary groups (setgroups)"
                : "set additional groups " + groups + " (setgroups)";
        PlanBuilder.SysOp op = b.sys(description, SyscallNumbers.SETGROUPS, imm(groups.size()), addr(at));
        if (groups.isEmpty() && ctx.userNamespace()) {
            op.expecting(Errno.EPERM);
        }
    }

    /**
     * The executable check runc makes before the container waits in created. Regular files only, as Go's
     * findExecutable: faccessat(X_OK), then a directory test (O_DIRECTORY open: ENOTDIR means not a directory).
     */
    private static void checkExecutable(PlanBuilder b, ExecutableLookup lookup) {
        String quoted = "exec: \"" + lookup.name() + "\"";
        if (!lookup.searched()) {
            String path = lookup.name();
            int at = b.arena().string(path);
            Arg.Reg access = b.register();
            Label denied = b.label("not executable");
            Label done = b.label("executable found");
            b.sys(quoted + ": stat " + path, SyscallNumbers.FACCESSAT, imm(AT_FDCWD), addr(at), imm(X_OK))
                    .into(access).expecting(Errno.EACCES);
            b.jumpIf(path + " is not executable", access, Condition.NE, 0, denied);
            Arg.Reg dir = b.register();
            b.sys("check that " + path + " is not a directory", SyscallNumbers.OPENAT, imm(AT_FDCWD), addr(at),
                    imm(O_PATH | O_DIRECTORY | O_CLOEXEC)).into(dir).expecting(Errno.ENOTDIR);
            b.jumpIf(path + " is not a directory", dir, Condition.EQ, Errno.ENOTDIR.negative(), done);
            // A directory: execveat on it fails with EACCES, which is what runc reports ("permission denied").
            int empty = b.arena().string("");
            int noArgs = b.arena().pointerArray();
            b.sys(quoted, SyscallNumbers.EXECVEAT, dir, addr(empty), addr(noArgs), addr(noArgs), imm(AT_EMPTY_PATH));
            b.exit("a directory was executed", 126); // unreachable: execveat of a directory cannot succeed
            b.bind(denied);
            // The same check again, now failing the plan with the kernel's EACCES under runc's wording.
            b.sys(quoted, SyscallNumbers.FACCESSAT, imm(AT_FDCWD), addr(at), imm(X_OK));
            b.bind(done);
            return;
        }
        Label found = b.label("executable found");
        Label relative = b.label("executable found relative to the cwd");
        for (String candidate : lookup.candidates()) {
            Label next = b.label("next PATH candidate");
            int at = b.arena().string(candidate);
            Arg.Reg access = b.register();
            b.sys("look for " + candidate, SyscallNumbers.FACCESSAT, imm(AT_FDCWD), addr(at), imm(X_OK)).into(access)
                    .expecting(Errno.ENOENT, Errno.ENOTDIR, Errno.EACCES, Errno.ELOOP, Errno.ENAMETOOLONG);
            b.jumpIf(candidate + " is not there", access, Condition.NE, 0, next);
            Arg.Reg dir = b.register();
            b.sys("check that " + candidate + " is not a directory", SyscallNumbers.OPENAT, imm(AT_FDCWD), addr(at),
                    imm(O_PATH | O_DIRECTORY | O_CLOEXEC)).into(dir).expecting(Errno.ENOTDIR, Errno.ENOENT);
            b.jumpIf(candidate + " is a file", dir, Condition.EQ, Errno.ENOTDIR.negative(), candidate.startsWith("/")
                    ? found : relative);
            b.jumpIf(candidate + " is gone", dir, Condition.LT, 0, next);
            b.sys("close " + candidate, SyscallNumbers.CLOSE, dir);
            b.bind(next);
        }
        failWithEnoent(b, quoted + ": executable file not found in $PATH");
        b.exit("not found", 127); // unreachable: the op above always fails
        b.bind(relative);
        failWithEnoent(b, quoted + ": cannot run executable found relative to current directory");
        b.exit("found relative", 127); // unreachable
        b.bind(found);
    }

    /** An op that always fails with ENOENT (an empty path), so the plan stops with {@code description}. */
    private static void failWithEnoent(PlanBuilder b, String description) {
        int empty = b.arena().string("");
        b.sys(description, SyscallNumbers.FACCESSAT, imm(AT_FDCWD), addr(empty), imm(0));
    }

    private static byte[] capHeader() {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(LINUX_CAPABILITY_VERSION_3).putInt(0)
                .array();
    }

    /** Two __user_cap_data_struct (effective, permitted, inheritable): the low 32 bits, then the high. */
    private static byte[] capData(long effective, long permitted, long inheritable) {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) effective).putInt((int) permitted).putInt((int) inheritable)
                .putInt((int) (effective >>> 32)).putInt((int) (permitted >>> 32)).putInt((int) (inheritable >>> 32))
                .array();
    }
}
