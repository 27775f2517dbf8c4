package dev.jrun.linux.container;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;

import dev.jrun.core.spec.Linux;
import dev.jrun.core.spec.Spec;
import dev.jrun.linux.plan.Arg;
import dev.jrun.linux.plan.Condition;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.Label;
import dev.jrun.linux.plan.Op;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.SyscallNumbers;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Compiles a container into its plan: the clone, the report-and-sync protocol with the parent, the namespaces, and
 * around them the config's {@link ChildSteps}. The parent runs op 0 (the clone) itself and leaves at once; only the
 * child runs the rest, and never returns out of it: it either execs or reports FAIL and calls exit_group.
 */
public final class ContainerPlanner {
    private static final long SIGCHLD = 17;
    private static final long SIG_SETMASK = 2;
    private static final long O_WRONLY = 1;
    private static final long O_RDONLY = 0;
    private static final long O_CLOEXEC = 02000000;
    private static final long AT_FDCWD = -100;

    private ContainerPlanner() {}

    public static ContainerPlan compile(PlanContext ctx, Namespaces ns, ChildFds fds, ChildSteps steps) {
        PlanBuilder b = new PlanBuilder();
        int alive = b.arena().bytes(ChildReport.record(ChildReport.ALIVE), 8);
        int sync = b.arena().bytes(ChildReport.record(ChildReport.SYNC), 8);
        int pidReport = b.arena().bytes(ChildReport.record(ChildReport.PID), 8);
        int ready = b.arena().bytes(ChildReport.record(ChildReport.READY), 8);
        int fail = b.arena().bytes(ChildReport.record(ChildReport.FAIL), 8);
        int hooks = b.arena().bytes(ChildReport.record(ChildReport.HOOKS), 8);
        int limits = b.arena().bytes(ChildReport.record(ChildReport.LIMITS), 8);
        int emptyMask = b.arena().slot();
        int buffer = b.arena().slot();

        Label failed = b.label("failure handler");
        Label parentDone = b.label("parent: the child is running");
        Label cloneFailed = b.label("parent: clone failed");
        Label parentGone = b.label("the parent is gone");
        b.onFailure(failed, fail);

        boolean single = ns.singleClone();
        // A new cgroup namespace is unshared after SYNC, once the parent has moved the child into its cgroup: the
        // namespace's root is the cgroup the process is in when it is made (runc does the same).
        long cloneFlags = (single ? ns.newFlags() & ~Namespaces.CLONE_NEWCGROUP : 0) | SIGCHLD;
        Arg.Reg pid = emitClone(b, "clone the container process", cloneFlags, parentDone, cloneFailed);

        // The child. Report ALIVE first: the clone returned through a safepoint check, so the copy is sound.
        b.sys("report ALIVE", SyscallNumbers.WRITE, imm(fds.statusWrite()), addr(alive), imm(ChildReport.SIZE));
        b.sys("close the parent's end of the status pipe", SyscallNumbers.CLOSE, imm(fds.statusRead()));
        b.sys("close the parent's end of the sync pipe", SyscallNumbers.CLOSE, imm(fds.syncWrite()));
        // HotSpot blocks some signals on its threads; the container must start with none blocked.
        b.sys("unblock all signals", SyscallNumbers.RT_SIGPROCMASK, imm(SIG_SETMASK), addr(emptyMask), imm(0), imm(8));

        if (single) {
            syncWithParent(b, fds, sync, buffer, parentGone);
            becomeRootIfNewUser(b, ns);
            if (ns.creates(Namespaces.CLONE_NEWCGROUP)) {
                b.sys("create the cgroup namespace", SyscallNumbers.UNSHARE, imm(Namespaces.CLONE_NEWCGROUP));
            }
        } else {
            for (Namespaces.Join join : ns.joins()) {
                Arg.Reg fd = b.register();
                int path = b.arena().string(join.path());
                b.sys("open " + join.type() + " namespace " + join.path(), SyscallNumbers.OPENAT, imm(AT_FDCWD),
                        addr(path), imm(O_RDONLY | O_CLOEXEC)).into(fd);
                b.sys("join " + join.type() + " namespace " + join.path(), SyscallNumbers.SETNS, fd, imm(join.flag()));
                b.sys("close " + join.path(), SyscallNumbers.CLOSE, fd);
            }
            if (ns.creates(Namespaces.CLONE_NEWUSER)) {
                b.sys("create the user namespace", SyscallNumbers.UNSHARE, imm(Namespaces.CLONE_NEWUSER));
            }
            syncWithParent(b, fds, sync, buffer, parentGone);
            becomeRootIfNewUser(b, ns);
            long rest = ns.newFlags() & ~Namespaces.CLONE_NEWUSER & ~Namespaces.CLONE_NEWTIME;
            if (rest != 0) {
                b.sys("create namespaces (flags 0x" + Long.toHexString(rest) + ")", SyscallNumbers.UNSHARE, imm(rest));
            }
            if (ns.creates(Namespaces.CLONE_NEWTIME)) {
                b.sys("create the time namespace", SyscallNumbers.UNSHARE, imm(Namespaces.CLONE_NEWTIME));
                timeOffsets(b, ctx.spec());
            }
            Arg.Reg init = b.register();
            Label inInit = b.label("in the init");
            b.sys("clone the container init", SyscallNumbers.CLONE, imm(SIGCHLD), imm(0), imm(0), imm(0), imm(0))
                    .into(init);
            b.jumpIf("in the init", init, Condition.EQ, 0, inInit);
            b.store("put the init's pid in the PID report", init, pidReport + 8);
            b.sys("report the init's pid", SyscallNumbers.WRITE, imm(fds.statusWrite()), addr(pidReport),
                    imm(ChildReport.SIZE));
            b.sys("intermediate process done", SyscallNumbers.EXIT_GROUP, imm(0));
            b.exit("never reached", 0);
            b.bind(inInit);
            // Wait until the parent has the PID report, so that reports on the shared pipe keep their order.
            waitForParent(b, fds, buffer, parentGone);
            b.sys("report ALIVE (init)", SyscallNumbers.WRITE, imm(fds.statusWrite()), addr(alive), imm(ChildReport.SIZE));
        }

        hostnames(b, ctx.spec(), ns);
        steps.mounts(b, ctx);
        if (hasHooksBeforePivot(ctx.spec())) {
            report(b, fds, hooks, "report HOOKS");
            waitForParent(b, fds, buffer, parentGone);
        }
        steps.pivotAndFinish(b, ctx);
        // Always: the cgroup's limits are applied here, and every container has a cgroup.
        report(b, fds, limits, "report LIMITS");
        waitForParent(b, fds, buffer, parentGone);
        steps.processSetup(b, ctx);

        b.sys("report READY", SyscallNumbers.WRITE, imm(fds.statusWrite()), addr(ready), imm(ChildReport.SIZE));
        Arg.Reg got = b.register();
        Label waitFifo = b.label("wait on exec.fifo");
        b.bind(waitFifo);
        b.sys("wait for start on exec.fifo", SyscallNumbers.READ, imm(fds.fifo()), addr(buffer), imm(1))
                .into(got).expecting(Errno.EINTR);
        b.jumpIf("interrupted: wait again", got, Condition.EQ, Errno.EINTR.negative(), waitFifo);
        b.sys("close exec.fifo", SyscallNumbers.CLOSE, imm(fds.fifo()));
        steps.exec(b, ctx);
        b.exit("exec returned", 1); // the exec step fails the plan instead; this only keeps the plan well formed

        b.bind(failed);
        b.sys("report the failure", SyscallNumbers.WRITE, imm(fds.statusWrite()), addr(fail), imm(ChildReport.SIZE))
                .expecting(Errno.EPIPE, Errno.EBADF);
        b.sys("exit after a failure", SyscallNumbers.EXIT_GROUP, imm(1));
        b.exit("after exit_group", 1);
        b.bind(parentGone);
        b.sys("exit: the parent is gone", SyscallNumbers.EXIT_GROUP, imm(1));
        b.exit("after exit_group", 1);

        b.bind(parentDone);
        b.exit("parent: child started", 0);
        b.bind(cloneFailed);
        b.exit("parent: clone failed", 2);
        return new ContainerPlan(b.build(), pid, !single);
    }

    /**
     * Op 0 of a plan the parent runs: clone, then the parent leaves for {@code parentDone} (or {@code cloneFailed})
     * while the child falls through. Every errno is expected: in the parent a failed clone must end the run
     * normally, never reach the child's failure handler (which would exit the JVM). Returns the result register.
     */
    static Arg.Reg emitClone(PlanBuilder b, String description, long flags, Label parentDone, Label cloneFailed) {
        Arg.Reg pid = b.register();
        int[] all = new int[Op.MAX_EXPECTED_ERRNO];
        for (int i = 0; i < all.length; i++) {
            all[i] = i + 1;
        }
        b.sys(description, SyscallNumbers.CLONE, imm(flags), imm(0), imm(0), imm(0), imm(0)).into(pid)
                .expectingErrno(all);
        b.jumpIf("clone failed", pid, Condition.LT, 0, cloneFailed);
        b.jumpIf("in the parent", pid, Condition.NE, 0, parentDone);
        return pid;
    }

    /** Whether the parent has hooks to run at the HOOKS point (all three kinds come before pivot_root). */
    static boolean hasHooksBeforePivot(Spec spec) {
        var h = spec.hooks();
        return h != null && (nonEmpty(h.prestart()) || nonEmpty(h.createRuntime()) || nonEmpty(h.createContainer()));
    }

    /**
     * Whether the parent sets rlimits or oom_score_adj at the LIMITS point (with the cgroup's limits): after the
     * rootfs (a low RLIMIT_NOFILE must not constrain the setup's descriptors) and before the user switch (after it,
     * prlimit on the init would need CAP_SYS_RESOURCE), as runc does at procReady.
     */
    static boolean hasProcessLimits(Spec spec) {
        var p = spec.process();
        return p != null && (nonEmpty(p.rlimits()) || p.oomScoreAdj() != null);
    }

    private static boolean nonEmpty(java.util.List<?> list) {
        return list != null && !list.isEmpty();
    }

    private static void report(PlanBuilder b, ChildFds fds, int record, String description) {
        b.sys(description, SyscallNumbers.WRITE, imm(fds.statusWrite()), addr(record), imm(ChildReport.SIZE));
    }

    /** SYNC, then block until the parent has written what it must (id maps, limits) and says go. */
    private static void syncWithParent(PlanBuilder b, ChildFds fds, int sync, int buffer, Label parentGone) {
        report(b, fds, sync, "report SYNC");
        waitForParent(b, fds, buffer, parentGone);
    }

    /** Blocks on the sync pipe for the parent's go byte; EOF means the parent died, and the child leaves quietly. */
    private static void waitForParent(PlanBuilder b, ChildFds fds, int buffer, Label parentGone) {
        Arg.Reg got = b.register();
        Label again = b.label("wait for the parent");
        b.bind(again);
        b.sys("wait for the parent on the sync pipe", SyscallNumbers.READ, imm(fds.syncRead()), addr(buffer), imm(1))
                .into(got).expecting(Errno.EINTR);
        b.jumpIf("interrupted: wait again", got, Condition.EQ, Errno.EINTR.negative(), again);
        b.jumpIf("EOF: the parent is gone", got, Condition.EQ, 0, parentGone);
    }

    private static void becomeRootIfNewUser(PlanBuilder b, Namespaces ns) {
        if (ns.creates(Namespaces.CLONE_NEWUSER)) {
            b.sys("become root in the user namespace (setresgid 0)", SyscallNumbers.SETRESGID, imm(0), imm(0), imm(0));
            b.sys("become root in the user namespace (setresuid 0)", SyscallNumbers.SETRESUID, imm(0), imm(0), imm(0));
        }
    }

    private static void timeOffsets(PlanBuilder b, Spec spec) {
        Map<String, Linux.TimeOffset> offsets = spec.linux() == null ? null : spec.linux().timeOffsets();
        if (offsets == null || offsets.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Linux.TimeOffset> e : new java.util.TreeMap<>(offsets).entrySet()) {
            long secs = e.getValue().secs() == null ? 0 : e.getValue().secs();
            long nanos = e.getValue().nanosec() == null ? 0 : e.getValue().nanosec();
            text.append(e.getKey()).append(' ').append(secs).append(' ').append(nanos).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        int data = b.arena().bytes(bytes, 1);
        int path = b.arena().string("/proc/self/timens_offsets");
        Arg.Reg fd = b.register();
        b.sys("open /proc/self/timens_offsets", SyscallNumbers.OPENAT, imm(AT_FDCWD), addr(path),
                imm(O_WRONLY | O_CLOEXEC)).into(fd);
        b.sys("write time offsets " + text.toString().trim().replace('\n', ','), SyscallNumbers.WRITE, fd, addr(data),
                imm(bytes.length));
        b.sys("close /proc/self/timens_offsets", SyscallNumbers.CLOSE, fd);
    }

    private static void hostnames(PlanBuilder b, Spec spec, Namespaces ns) {
        if (spec.hostname() != null && !spec.hostname().isEmpty()) {
            byte[] name = spec.hostname().getBytes(StandardCharsets.UTF_8);
            int at = b.arena().bytes(name, 1);
            b.sys("set hostname to \"" + spec.hostname() + "\"", SyscallNumbers.SETHOSTNAME, addr(at), imm(name.length));
        }
        if (spec.domainname() != null && !spec.domainname().isEmpty()) {
            byte[] name = spec.domainname().getBytes(StandardCharsets.UTF_8);
            int at = b.arena().bytes(name, 1);
            b.sys("set domainname to \"" + spec.domainname() + "\"", SyscallNumbers.SETDOMAINNAME, addr(at),
                    imm(name.length));
        }
    }
}
