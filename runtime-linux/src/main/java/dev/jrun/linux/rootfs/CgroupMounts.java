package dev.jrun.linux.rootfs;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;
import static dev.jrun.linux.rootfs.MountFlags.*;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.Mount;
import dev.jrun.linux.plan.Arg;
import dev.jrun.linux.plan.Condition;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.Label;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.SyscallNumbers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A mount of type "cgroup", as runc 1.1.5 does it by the host's layout (which the compiler reads from the parent's
 * mountinfo). Unified host: cgroup2, or a bind of the host's /sys/fs/cgroup where that is refused. Legacy or hybrid
 * host (this project's machines): a tmpfs with one mount per v1 hierarchy; the unified hierarchy of a hybrid host
 * is left out, as runc leaves it out.
 */
public final class CgroupMounts {
    private static final long O_DIRECTORY = 0200000;
    private static final long O_CLOEXEC = 02000000;
    private static final long O_PATH = 010000000;
    private static final long CLONE_NEWCGROUP = 0x02000000;
    private static final long SIGCHLD = 17;
    private static final long DEFAULT_MOUNT_FLAGS = MS_NOEXEC | MS_NOSUID | MS_NODEV;

    private CgroupMounts() {}

    /**
     * Emits the mount of a {@code "cgroup"} entry on {@code dest}: cgroup2 where the host's /sys/fs/cgroup is
     * cgroup2, else the cgroup v1 view (see the class comment). {@code ownCgroupNamespace}: the container has a
     * cgroup namespace of its own, already entered.
     *
     * @throws JrunException if the host has neither layout
     */
    public static void emit(PlanBuilder b, InRootPaths paths, HostMounts host, Mount m, MountOptions o, String dest,
            boolean ownCgroupNamespace) {
        HostMounts.Entry top = null;
        List<HostMounts.Entry> v1 = new ArrayList<>();
        for (HostMounts.Entry e : host.entries()) {
            if (e.mountPoint().equals("/sys/fs/cgroup")) {
                top = e;
            }
            if (e.fsType().equals("cgroup") && !v1Contains(v1, e)) {
                v1.add(e);
            }
        }
        if (top != null && top.fsType().equals("cgroup2")) {
            // Unified host: mount cgroup2; where that is refused (a user namespace without a cgroup namespace),
            // runc binds the host's /sys/fs/cgroup instead.
            int target = paths.mkdirAllAsTarget(dest);
            Arg.Reg r = b.register();
            Label done = b.label("cgroup2 mounted on " + dest);
            b.sys("mount cgroup2 on " + dest, SyscallNumbers.MOUNT, MountCalls.stringOrNull(b, m.source()), addr(target),
                    addr(b.arena().string("cgroup2")), imm(o.flags()), MountCalls.stringOrNull(b, o.data()))
                    .into(r).expecting(Errno.EPERM, Errno.EBUSY);
            b.jumpIf("cgroup2 mounted on " + dest, r, Condition.EQ, 0, done);
            int host2 = b.arena().string("/sys/fs/cgroup");
            b.sys("bind mount /sys/fs/cgroup on " + dest, SyscallNumbers.MOUNT, addr(host2), addr(target), imm(0),
                    imm(MS_BIND | o.flags()), imm(0));
            if ((o.flags() & ~(MS_REC | MS_REMOUNT | MS_BIND)) != 0) {
                paths.target(dest, 0);
                b.sys("remount " + dest + " with its options", SyscallNumbers.MOUNT, addr(host2), addr(target), imm(0),
                        imm(MS_BIND | o.flags() | MS_REMOUNT), imm(0));
            }
            b.bind(done);
            if (!o.propagation().isEmpty()) {
                paths.target(dest, 0);
                for (long p : o.propagation()) {
                    b.sys("make " + dest + " " + MountCalls.propagationName(p), SyscallNumbers.MOUNT, imm(0), addr(target),
                            imm(0), imm(p), imm(0));
                }
            }
            return;
        }
        if (v1.isEmpty()) {
            throw new JrunException("error mounting \"" + m.source() + "\" to rootfs at \"" + m.destination()
                    + "\": no cgroup v1 hierarchy is mounted on this host and /sys/fs/cgroup is not cgroup2");
        }
        // cgroup v1 (legacy or hybrid): a tmpfs with one mount per hierarchy. runc binds the container's own
        // cgroup directory of each hierarchy; the same view is a fresh cgroup mount made inside a cgroup namespace
        // rooted at the container's cgroups. With a cgroup namespace of its own the container mounts directly;
        // without one a short-lived helper clone with a new cgroup namespace makes the mounts in the shared mount
        // namespace. Either way the process must already be in its cgroups (the launcher puts it there before it
        // releases the child at SYNC).
        MountOptions tmpfs = new MountOptions(DEFAULT_MOUNT_FLAGS, o.propagation(), 0, 0, "mode=755", false);
        paths.mkdirAllAsTarget(dest);
        MountCalls.mountThenPropagate(b, paths, tmpfs, dest, "tmpfs", "tmpfs", "mount tmpfs on " + dest);
        boolean ownCgroupNs = ownCgroupNamespace;
        Label done = b.label("cgroup v1 mounts done");
        if (!ownCgroupNs) {
            Arg.Reg pid = b.register();
            Label helper = b.label("cgroup mount helper");
            Label again = b.label("wait for the cgroup mount helper");
            b.sys("clone a helper in a new cgroup namespace to mount cgroups on " + dest, SyscallNumbers.CLONE,
                    imm(CLONE_NEWCGROUP | SIGCHLD), imm(0), imm(0), imm(0), imm(0)).into(pid);
            b.jumpIf("in the cgroup mount helper", pid, Condition.EQ, 0, helper);
            Arg.Reg w = b.register();
            b.bind(again);
            b.sys("wait for the cgroup mount helper", SyscallNumbers.WAIT4, pid, imm(0), imm(0), imm(0))
                    .into(w).expecting(Errno.EINTR);
            b.jumpIf("interrupted: wait again", w, Condition.EQ, Errno.EINTR.negative(), again);
            b.jumpIf("the cgroup mount helper is done", pid, Condition.NE, 0, done);
            b.bind(helper);
        }
        long flags = DEFAULT_MOUNT_FLAGS | (o.flags() & ~(MS_BIND | MS_REC | MS_REMOUNT));
        List<String> merged = new ArrayList<>();
        for (HostMounts.Entry e : v1) {
            String name = Path.of(e.mountPoint()).getFileName().toString();
            String sub = dest.equals("/") ? "/" + name : dest + "/" + name;
            String source = "cgroup";
            String data = name;
            if (name.equals("systemd")) {
                // runc names the source "systemd" when it mounts in the container's cgroup namespace; its binds of
                // the host's hierarchy show the host's "cgroup"
                source = ownCgroupNs ? "systemd" : "cgroup";
                data = "name=systemd";
            }
            if (name.contains(",")) {
                merged.add(name);
            }
            int target = paths.mkdirAllAsTarget(sub);
            b.sys("mount cgroup " + data + " on " + sub, SyscallNumbers.MOUNT, addr(b.arena().string(source)),
                    addr(target), addr(b.arena().string("cgroup")), imm(flags), addr(b.arena().string(data)));
        }
        if (!ownCgroupNs) {
            b.sys("cgroup mount helper done", SyscallNumbers.EXIT_GROUP, imm(0));
            b.exit("after exit_group", 0);
        }
        b.bind(done);
        if (!merged.isEmpty()) {
            Arg.Reg dir = paths.resolve(dest, O_PATH | O_DIRECTORY | O_CLOEXEC);
            for (String mc : merged) {
                for (String ss : mc.split(",")) {
                    b.sys("link " + dest + "/" + ss + " to " + mc, SyscallNumbers.SYMLINKAT,
                            addr(b.arena().string(mc)), dir, addr(b.arena().string(ss))).expecting(Errno.EEXIST);
                }
            }
            b.sys("close " + dest + " in the rootfs", SyscallNumbers.CLOSE, dir);
        }
    }

    private static boolean v1Contains(List<HostMounts.Entry> v1, HostMounts.Entry e) {
        for (HostMounts.Entry x : v1) {
            if (x.superOptions().equals(e.superOptions())) {
                return true; // the same hierarchy mounted twice: runc takes the first
            }
        }
        return false;
    }
}
