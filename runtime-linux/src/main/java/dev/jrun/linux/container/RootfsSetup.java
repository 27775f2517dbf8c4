package dev.jrun.linux.container;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;
import static dev.jrun.linux.rootfs.MountFlags.*;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.Linux;
import dev.jrun.core.spec.Mount;
import dev.jrun.core.spec.Spec;
import dev.jrun.linux.plan.Arg;
import dev.jrun.linux.plan.Condition;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.Label;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.SyscallNumbers;
import dev.jrun.linux.rootfs.CgroupMounts;
import dev.jrun.linux.rootfs.ContainerPath;
import dev.jrun.linux.rootfs.DeviceNodes;
import dev.jrun.linux.rootfs.HostMounts;
import dev.jrun.linux.rootfs.InRootPaths;
import dev.jrun.linux.rootfs.MountCalls;
import dev.jrun.linux.rootfs.MountOptions;
import dev.jrun.linux.rootfs.SecureJoin;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The container's filesystem view, emitted as plan ops, in the child's new mount namespace. Follows runc 1.1.5
 * (libcontainer/rootfs_linux.go prepareRootfs, finalizeRootfs, and the readonly/masked paths of
 * standard_init_linux.go), with every mount destination resolved inside the rootfs by openat2(RESOLVE_IN_ROOT).
 */
public final class RootfsSetup {
    private RootfsSetup() {}

    private static final long AT_FDCWD = -100;
    private static final long O_WRONLY = 1;
    private static final long O_TRUNC = 01000;
    private static final long O_DIRECTORY = 0200000;
    private static final long O_NOFOLLOW = 0400000;
    private static final long O_CLOEXEC = 02000000;
    private static final long AT_RECURSIVE = 0x8000;
    private static final long MNT_DETACH = 2;

    /** Host-side facts the compiler reads; tests pass their own. */
    public record Host(HostMounts mounts, boolean hasKcore) {
        public static Host current() {
            return new Host(HostMounts.current(), Files.exists(Path.of("/proc/kcore")));
        }
    }

    /**
     * Before pivot_root: make the host mounts non-shared (rootfsPropagation, default rslave as runc), bind the
     * rootfs onto itself, every {@code mounts[]} entry in config order (destinations resolved inside the rootfs,
     * created when missing), default devices, linux.devices and the /dev symlinks.
     *
     * @throws JrunException for a mount runc would refuse, or one jrun cannot do yet (the message says which)
     */
    public static void emitMounts(PlanBuilder b, PlanContext ctx) {
        emitMounts(b, ctx, Host.current());
    }

    public static void emitMounts(PlanBuilder b, PlanContext ctx, Host host) {
        Spec spec = ctx.spec();
        String rootfs = ctx.rootfs().toString();
        long propagation = rootPropagation(ctx);
        b.sys("make / " + MountCalls.propagationName(propagation) + " in the container's mount namespace", SyscallNumbers.MOUNT,
                imm(0), addr(b.arena().string("/")), imm(0), imm(propagation), imm(0));
        // runc: a shared parent mount would make pivot_root fail and propagate the rootfs bind to the host.
        boolean allNonShared = (propagation & MS_REC) != 0 && (propagation & MS_SHARED) == 0;
        HostMounts.Entry parent = host.mounts().parentOf(rootfs);
        if (!allNonShared && parent != null && parent.shared()) {
            b.sys("make the rootfs's parent mount " + parent.mountPoint() + " private", SyscallNumbers.MOUNT, imm(0),
                    addr(b.arena().string(parent.mountPoint())), imm(0), imm(MS_PRIVATE), imm(0));
        }
        int rootfsPath = b.arena().string(rootfs);
        b.sys("bind the rootfs " + rootfs + " onto itself", SyscallNumbers.MOUNT, addr(rootfsPath), addr(rootfsPath),
                imm(0), imm(MS_BIND | MS_REC), imm(0));

        InRootPaths paths = InRootPaths.open(b, rootfs);
        List<Mount> mounts = spec.mounts() == null ? List.of() : spec.mounts();
        boolean setupDev = true;
        List<String> mountedSoFar = new ArrayList<>();
        for (Mount m : mounts) {
            MountOptions o = MountOptions.parse(m.options());
            if (o.isBind() && ContainerPath.clean(m.destination()).equals("/dev")) {
                setupDev = false;
            }
            emitMount(b, ctx, host, paths, m, o, mountedSoFar);
            mountedSoFar.add(ContainerPath.clean(m.destination()));
        }
        if (setupDev) {
            DeviceNodes.emitNodes(b, paths, spec.linux() == null ? null : spec.linux().devices(), ctx.userNamespace());
            DeviceNodes.emitLinks(b, paths, host.hasKcore());
        }
        paths.closeAll();
    }

    // ---- mounts[] ----

    private static void emitMount(PlanBuilder b, PlanContext ctx, Host host, InRootPaths paths, Mount m,
            MountOptions o, List<String> mountedSoFar) {
        String type = o.isBind() ? "bind" : m.type() == null ? "" : m.type();
        // runc: procfs and sysfs go on the literal path (and never through a symlink); every other destination is
        // first resolved with SecureJoin, so a symlink there leads to a path inside the rootfs, created if missing.
        String dest = type.equals("proc") || type.equals("sysfs")
                ? ContainerPath.clean(m.destination())
                : SecureJoin.resolve(ctx.rootfs(), m.destination());
        String what = "mount " + (m.source() == null || m.source().isEmpty() ? type : m.source()) + " on " + dest;
        if (o.tmpcopyup()) {
            throw refuse(m, "the tmpcopyup option is not supported");
        }
        if ((m.uidMappings() != null && !m.uidMappings().isEmpty())
                || (m.gidMappings() != null && !m.gidMappings().isEmpty())) {
            throw refuse(m, "idmapped mounts (uidMappings/gidMappings) are not supported");
        }
        switch (type) {
            case "proc", "sysfs" -> {
                // runc: only on an ordinary directory, never through a symlink.
                paths.mkdirAllAsTarget(dest, O_DIRECTORY | O_NOFOLLOW);
                MountCalls.mountThenPropagate(b, paths, o, dest, type, m.source(), what);
            }
            case "bind" -> {
                Path source = ctx.bundle().resolve(m.source() == null ? "" : m.source());
                checkProcMount(m, dest, source, true);
                if (!Files.exists(source)) {
                    throw refuse(m, "stat " + source + ": no such file or directory");
                }
                if (Files.isDirectory(source)) {
                    paths.mkdirAllAsTarget(dest);
                } else {
                    paths.createFileAsTarget(dest, 0755);
                }
                String src = source.toString();
                MountCalls.mountThenPropagate(b, paths, o, dest, null, src, "bind mount " + src + " on " + dest);
                if ((o.flags() & ~(MS_REC | MS_REMOUNT | MS_BIND)) != 0) {
                    int target = paths.target(dest, 0);
                    int srcAt = b.arena().string(src);
                    Arg.Reg r = b.register();
                    Label done = b.label("remounted " + dest);
                    b.sys("remount " + dest + " with its options", SyscallNumbers.MOUNT, addr(srcAt), addr(target),
                            imm(0), imm(o.flags() | MS_REMOUNT), imm(0)).into(r).expecting(Errno.EPERM);
                    b.jumpIf("remounted " + dest, r, Condition.EQ, 0, done);
                    // runc: the source may be read-only (and locked so); retry keeping that.
                    b.sys("remount " + dest + " with its options, read-only as its source", SyscallNumbers.MOUNT,
                            addr(srcAt), addr(target), imm(0), imm(o.flags() | MS_REMOUNT | MS_RDONLY), imm(0));
                    b.bind(done);
                }
                if (o.hasRecursiveAttributes()) {
                    int target = paths.target(dest, 0);
                    ByteBuffer attr = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
                    attr.putLong(o.recursiveSet()).putLong(o.recursiveClear()).putLong(0).putLong(0);
                    int at = b.arena().bytes(attr.array(), 8);
                    b.sys("set recursive mount attributes on " + dest, SyscallNumbers.MOUNT_SETATTR, imm(-1),
                            addr(target), imm(AT_RECURSIVE), addr(at), imm(32));
                }
            }
            case "cgroup" -> CgroupMounts.emit(b, paths, host.mounts(), m, o, dest, hasNamespace(ctx.spec(), "cgroup"));
            case "tmpfs" -> {
                // runc: a tmpfs over an existing directory takes that directory's mode (after the mount). The
                // compiler reads the mode from the rootfs as it is now; under an earlier mount of this config that
                // view is not the one the child will see, so there (as for a new directory) the tmpfs keeps its own.
                checkProcMount(m, dest, null, false);
                Integer mode = existingMode(ctx.rootfs(), dest, mountedSoFar);
                paths.mkdirAllAsTarget(dest);
                MountCalls.mountThenPropagate(b, paths, o, dest, type, m.source(), what);
                if (mode != null) {
                    int target = paths.target(dest, 0);
                    b.sys("chmod " + dest + " to " + Integer.toOctalString(mode) + " as the directory it covers",
                            SyscallNumbers.FCHMODAT, imm(AT_FDCWD), addr(target), imm(mode));
                }
            }
            default -> {
                checkProcMount(m, dest, null, false);
                paths.mkdirAllAsTarget(dest);
                MountCalls.mountThenPropagate(b, paths, o, dest, type, m.source(), what);
            }
        }
    }

    private static Integer existingMode(Path rootfs, String dest, List<String> mountedSoFar) {
        for (String earlier : mountedSoFar) {
            if (ContainerPath.isWithin(dest, earlier)) {
                return null;
            }
        }
        Path p = dest.equals("/") ? rootfs : rootfs.resolve(dest.substring(1));
        try {
            if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            return ((Integer) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS)) & 07777;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** runc's checkProcMount, on the cleaned destination: nothing over or inside /proc but procfs and lxcfs files. */
    private static void checkProcMount(Mount m, String dest, Path bindSource, boolean bind) {
        if (!ContainerPath.isWithin(dest, "/proc")) {
            return;
        }
        if (dest.equals("/proc")) {
            boolean sourceIsProc = false;
            if (bind) {
                try {
                    sourceIsProc = Files.getFileStore(bindSource).type().equals("proc");
                } catch (IOException e) {
                    sourceIsProc = false;
                }
            }
            if (!sourceIsProc) {
                throw refuse(m, "\"/proc\" cannot be mounted because it is not of type proc");
            }
            return;
        }
        List<String> lxcfs = List.of("/proc/cpuinfo", "/proc/diskstats", "/proc/meminfo", "/proc/stat", "/proc/swaps",
                "/proc/uptime", "/proc/loadavg", "/proc/slabinfo", "/proc/net/dev", "/proc/sys/kernel/ns_last_pid");
        if (!lxcfs.contains(dest)) {
            throw refuse(m, "\"" + dest + "\" cannot be mounted because it is inside /proc");
        }
    }

    // ---- pivot and finish ----

    /**
     * pivot_root (or, with --no-pivot, MS_MOVE + chroot), then sysctl, readonlyPaths, maskedPaths and a read-only
     * root, in runc's order. Ends with the cwd at the new "/".
     */
    public static void emitPivotAndFinish(PlanBuilder b, PlanContext ctx) {
        emitPivotAndFinish(b, ctx, Host.current());
    }

    public static void emitPivotAndFinish(PlanBuilder b, PlanContext ctx, Host host) {
        Spec spec = ctx.spec();
        String rootfs = ctx.rootfs().toString();
        int slash = b.arena().string("/");
        int dot = b.arena().string(".");
        if (ctx.noPivot()) {
            b.sys("change directory to the rootfs " + rootfs, SyscallNumbers.CHDIR, addr(b.arena().string(rootfs)));
            hideHostProcAndSys(b, host, rootfs);
            b.sys("move the rootfs " + rootfs + " onto /", SyscallNumbers.MOUNT, addr(b.arena().string(rootfs)),
                    addr(slash), imm(0), imm(MS_MOVE), imm(0));
            b.sys("chroot into the rootfs", SyscallNumbers.CHROOT, addr(dot));
            b.sys("change directory to /", SyscallNumbers.CHDIR, addr(slash));
        } else {
            Arg.Reg oldRoot = b.register();
            Arg.Reg newRoot = b.register();
            b.sys("open the old root /", SyscallNumbers.OPENAT, imm(AT_FDCWD), addr(slash),
                    imm(O_DIRECTORY | O_CLOEXEC)).into(oldRoot);
            b.sys("open the rootfs " + rootfs, SyscallNumbers.OPENAT, imm(AT_FDCWD), addr(b.arena().string(rootfs)),
                    imm(O_DIRECTORY | O_CLOEXEC)).into(newRoot);
            b.sys("change directory to the rootfs " + rootfs, SyscallNumbers.FCHDIR, newRoot);
            b.sys("pivot_root into the rootfs " + rootfs, SyscallNumbers.PIVOT_ROOT, addr(dot), addr(dot));
            b.sys("change directory to the old root", SyscallNumbers.FCHDIR, oldRoot);
            b.sys("make the old root rslave", SyscallNumbers.MOUNT, imm(0), addr(dot), imm(0), imm(MS_SLAVE | MS_REC),
                    imm(0));
            b.sys("unmount the old root", SyscallNumbers.UMOUNT2, addr(dot), imm(MNT_DETACH));
            b.sys("change directory to /", SyscallNumbers.CHDIR, addr(slash));
            b.sys("close the old root", SyscallNumbers.CLOSE, oldRoot);
            b.sys("close the rootfs", SyscallNumbers.CLOSE, newRoot);
        }
        ProcessSetup.emitCreateCwd(b, ctx);
        // runc >= 1.1.6 sets shared/unbindable root propagation again after pivot_root, where it can take effect.
        long propagation = rootPropagation(ctx);
        if ((propagation & (MS_PRIVATE | MS_SLAVE)) == 0) {
            b.sys("make / " + MountCalls.propagationName(propagation), SyscallNumbers.MOUNT, imm(0), addr(slash), imm(0),
                    imm(propagation), imm(0));
        }

        // finalizeRootfs: tmpfs and /dev mounts asked for read-only were mounted read-write; the root read-only.
        List<Mount> mounts = spec.mounts() == null ? List.of() : spec.mounts();
        for (Mount m : mounts) {
            MountOptions o = MountOptions.parse(m.options());
            String dest = ContainerPath.clean(m.destination());
            boolean tmpfs = !o.isBind() && "tmpfs".equals(m.type());
            if ((o.flags() & MS_RDONLY) != 0 && (tmpfs || dest.equals("/dev"))) {
                b.sys("remount " + dest + " read-only", SyscallNumbers.MOUNT, imm(0), addr(b.arena().string(dest)),
                        imm(0), imm(o.flags() | MS_REMOUNT | MS_BIND | MS_RDONLY), imm(0));
            }
        }
        if (spec.root() != null && Boolean.TRUE.equals(spec.root().readonly())) {
            remountKeepingLocked(b, "/", slash, MS_BIND | MS_REMOUNT | MS_RDONLY, 0);
        }

        Linux linux = spec.linux();
        if (linux != null && linux.sysctl() != null) {
            for (Map.Entry<String, String> e : linux.sysctl().entrySet()) {
                String file = "/proc/sys/" + e.getKey().replace('.', '/');
                byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
                Arg.Reg fd = b.register();
                b.sys("open " + file + " for sysctl " + e.getKey(), SyscallNumbers.OPENAT, imm(AT_FDCWD),
                        addr(b.arena().string(file)), imm(O_WRONLY | O_TRUNC | O_CLOEXEC)).into(fd);
                b.sys("write sysctl " + e.getKey() + "=" + e.getValue(), SyscallNumbers.WRITE, fd,
                        addr(b.arena().string(e.getValue())), imm(value.length));
                b.sys("close " + file, SyscallNumbers.CLOSE, fd);
            }
        }
        if (linux != null && linux.readonlyPaths() != null) {
            for (String p : linux.readonlyPaths()) {
                int at = b.arena().string(p);
                Arg.Reg r = b.register();
                Label skip = b.label("readonly path " + p + " missing");
                b.sys("bind " + p + " onto itself to make it read-only", SyscallNumbers.MOUNT, addr(at), addr(at),
                        imm(0), imm(MS_BIND | MS_REC), imm(0)).into(r).expecting(Errno.ENOENT);
                b.jumpIf("readonly path " + p + " does not exist", r, Condition.EQ, Errno.ENOENT.negative(), skip);
                remountKeepingLocked(b, p, at, MS_BIND | MS_REMOUNT | MS_RDONLY, lockableFlagsAt(mounts, p));
                b.bind(skip);
            }
        }
        if (linux != null && linux.maskedPaths() != null) {
            int devNull = b.arena().string("/dev/null");
            int tmpfs = b.arena().string("tmpfs");
            for (String p : linux.maskedPaths()) {
                int at = b.arena().string(p);
                Arg.Reg r = b.register();
                Label done = b.label("masked " + p);
                b.sys("mask " + p + " with /dev/null", SyscallNumbers.MOUNT, addr(devNull), addr(at), imm(0),
                        imm(MS_BIND), imm(0)).into(r).expecting(Errno.ENOENT, Errno.ENOTDIR);
                b.jumpIf("masked path " + p + " is not a directory", r, Condition.NE, Errno.ENOTDIR.negative(), done);
                b.sys("mask directory " + p + " with a read-only tmpfs", SyscallNumbers.MOUNT, addr(tmpfs), addr(at),
                        addr(tmpfs), imm(MS_RDONLY), imm(0));
                b.bind(done);
            }
        }
    }

    /**
     * A remount that must keep flags a user namespace locks. runc reads the current flags with statfs; the plan
     * cannot read memory into an argument, so it tries {@code firstGuess} (the flags the compiler expects there),
     * then on EPERM every combination of nosuid, nodev and noexec, fewest first: the first the kernel accepts is
     * exactly the locked set, as statfs would have said.
     */
    private static void remountKeepingLocked(PlanBuilder b, String path, int at, long flags, long firstGuess) {
        Label done = b.label("remounted " + path + " read-only");
        List<Long> tries = new ArrayList<>();
        tries.add(firstGuess);
        long[] combos = {0, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_NOSUID | MS_NODEV, MS_NOSUID | MS_NOEXEC,
            MS_NODEV | MS_NOEXEC, MS_NOSUID | MS_NODEV | MS_NOEXEC};
        for (long c : combos) {
            if (c != firstGuess) {
                tries.add(c);
            }
        }
        for (int i = 0; i < tries.size(); i++) {
            long keep = tries.get(i);
            boolean last = i == tries.size() - 1;
            String desc = "remount " + path + " read-only" + (keep == 0 ? "" : " keeping " + flagNames(keep));
            Arg.Reg r = b.register();
            var op = b.sys(desc, SyscallNumbers.MOUNT, imm(0), addr(at), imm(0), imm(flags | keep), imm(0)).into(r);
            if (!last) {
                op.expecting(Errno.EPERM);
                b.jumpIf(desc + " succeeded", r, Condition.EQ, 0, done);
            }
        }
        b.bind(done);
    }

    /** nosuid/nodev/noexec of the config mount {@code path} lies on (its longest destination prefix), if any. */
    private static long lockableFlagsAt(List<Mount> mounts, String path) {
        String best = null;
        long flags = 0;
        for (Mount m : mounts) {
            String dest = ContainerPath.clean(m.destination());
            if (ContainerPath.isWithin(path, dest) && (best == null || dest.length() >= best.length())) {
                best = dest;
                flags = MountOptions.parse(m.options()).flags() & LOCKABLE;
            }
        }
        return flags;
    }

    /** runc's msMoveRoot: with chroot the host's full procfs and sysfs mounts stay reachable, so hide them. */
    private static void hideHostProcAndSys(PlanBuilder b, Host host, String rootfs) {
        for (HostMounts.Entry e : host.mounts().entries()) {
            if (!e.root().equals("/") || !(e.fsType().equals("proc") || e.fsType().equals("sysfs"))
                    || e.mountPoint().startsWith(rootfs)) {
                continue;
            }
            String p = e.mountPoint();
            int at = b.arena().string(p);
            Arg.Reg r = b.register();
            Arg.Reg u = b.register();
            Label next = b.label("host " + p + " hidden");
            b.sys("make host " + p + " rslave", SyscallNumbers.MOUNT, imm(0), addr(at), imm(0), imm(MS_SLAVE | MS_REC),
                    imm(0)).into(r).expecting(Errno.ENOENT);
            b.jumpIf("host " + p + " already gone", r, Condition.EQ, Errno.ENOENT.negative(), next);
            b.sys("unmount host " + p, SyscallNumbers.UMOUNT2, addr(at), imm(MNT_DETACH)).into(u)
                    .expecting(Errno.EINVAL, Errno.EPERM);
            b.jumpIf("unmounted host " + p, u, Condition.EQ, 0, next);
            int tmpfs = b.arena().string("tmpfs");
            b.sys("cover host " + p + " with a tmpfs", SyscallNumbers.MOUNT, addr(tmpfs), addr(at), addr(tmpfs), imm(0),
                    imm(0));
            b.bind(next);
        }
    }

    // ---- helpers ----

    private static long rootPropagation(PlanContext ctx) {
        String name = ctx.spec().linux() == null ? null : ctx.spec().linux().rootfsPropagation();
        if (name == null || name.isEmpty()) {
            return MS_SLAVE | MS_REC;
        }
        Long flags = MountOptions.PROPAGATION.get(name);
        if (flags == null) {
            throw new JrunException("rootfsPropagation=" + name + " is not supported");
        }
        if (ctx.noPivot() && (flags & MS_PRIVATE) != 0) {
            throw new JrunException("rootfsPropagation of [r]private is not safe without pivot_root");
        }
        return flags;
    }

    private static boolean hasNamespace(Spec spec, String type) {
        if (spec.linux() == null || spec.linux().namespaces() == null) {
            return false;
        }
        for (Linux.Namespace ns : spec.linux().namespaces()) {
            if (type.equals(ns.type())) {
                return true;
            }
        }
        return false;
    }

    private static String flagNames(long flags) {
        List<String> names = new ArrayList<>();
        if ((flags & MS_NOSUID) != 0) {
            names.add("nosuid");
        }
        if ((flags & MS_NODEV) != 0) {
            names.add("nodev");
        }
        if ((flags & MS_NOEXEC) != 0) {
            names.add("noexec");
        }
        return String.join(",", names);
    }

    private static JrunException refuse(Mount m, String why) {
        return new JrunException("error mounting \"" + m.source() + "\" to rootfs at \"" + m.destination() + "\": "
                + why);
    }
}
