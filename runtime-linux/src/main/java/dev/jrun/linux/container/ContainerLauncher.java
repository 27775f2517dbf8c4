package dev.jrun.linux.container;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.IdMapping;
import dev.jrun.core.spec.Linux;
import dev.jrun.core.spec.Spec;
import dev.jrun.linux.kernel.Kernel;
import dev.jrun.linux.kernel.KernelException;
import dev.jrun.linux.kernel.LoadedPlan;
import dev.jrun.linux.kernel.PlanExecutor;
import dev.jrun.linux.plan.Outcome;
import dev.jrun.linux.plan.PlanErrors;
import dev.jrun.linux.proc.ProcfsProcessProbe;
import dev.jrun.linux.process.ProcessLimits;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Creates containers: compiles the plan, clones the child that runs it, answers its SYNC (id maps, limits), and
 * waits for READY, with a watchdog on ALIVE (DESIGN.md section 1: a clone that copied a safepoint in progress never
 * says ALIVE; it is killed and the clone retried).
 */
public final class ContainerLauncher {
    /** A child that has not said ALIVE by then copied a JVM in a safepoint: the slowest good one seen took 157 ms. */
    static final int ALIVE_TIMEOUT_MILLIS = 500;
    /** Setup is a few hundred syscalls; this only bounds a child that got stuck for some other reason. */
    static final int STEP_TIMEOUT_MILLIS = 10_000;
    static final int MAX_ATTEMPTS = 5;
    /** Enough for the executor's loop to have taken every branch, interpreted (C1 compiles it much later). */
    static final int WARM_UP_RUNS = 2;
    private static final int SLICE_MILLIS = 50;

    /** What the parent does while the child waits at SYNC; the process limits live in the process package. */
    public interface SyncWork {
        void run(int pid);
    }

    /**
     * Runs the hooks due before pivot_root (prestart, createRuntime, createContainer), while the init waits at
     * HOOKS with its mounts done. {@code initPid} is the container's init. Throwing fails the create.
     */
    public interface HookPoint {
        void run(int initPid);
    }

    private static final HookPoint NO_HOOKS = pid -> {};

    private ContainerLauncher() {}

    public static Created create(CreateRequest request) {
        return create(request, NO_HOOKS);
    }

    /** Creates the container; {@code beforePivot} runs at the HOOKS point when the config has such hooks. */
    public static Created create(CreateRequest request, HookPoint beforePivot) {
        return create(request, ChildSteps.STANDARD, pid -> {}, beforePivot);
    }

    public static Created create(CreateRequest request, ChildSteps steps, SyncWork atSync) {
        return create(request, steps, atSync, NO_HOOKS);
    }

    /**
     * As {@link #create(CreateRequest)} with other steps and extra work at SYNC (after the id maps). On failure the
     * child is killed and reaped, exec.fifo removed; the caller removes the state directory.
     */
    public static Created create(CreateRequest request, ChildSteps steps, SyncWork atSync, HookPoint beforePivot) {
        // The cgroup's limits, rlimits and oom_score_adj from the parent at the LIMITS point, after the rootfs (its
        // device nodes are made before the device rules apply, as runc sets them at procReady).
        SyncWork atLimits = pid -> {
            if (request.cgroups() != null && request.resources() != null) {
                request.cgroups().apply(request.resources());
            }
            if (ContainerPlanner.hasProcessLimits(request.spec())) {
                ProcessLimits.apply(pid, request.spec().process());
            }
        };
        SyncWork joinCgroup = request.cgroups() == null ? pid -> {} : request.cgroups()::addProcess;
        Spec spec = request.spec();
        Path rootfs = request.bundle().resolve(spec.root().path()).normalize();
        Namespaces ns = Namespaces.of(spec);
        PlanContext ctx = new PlanContext(spec, request.bundle(), rootfs, request.noPivot(),
                ns.has(Namespaces.CLONE_NEWUSER), request.preserveFds());
        Path fifo = request.stateDir().resolve(ExecFifo.NAME);
        Kernel.mkfifo(fifo.toString(), 0622);
        int fifoFd = -1;
        boolean done = false;
        try {
            fifoFd = Kernel.open(fifo.toString(), Kernel.O_RDWR | Kernel.O_CLOEXEC);
            PlanExecutor.warmUp(WARM_UP_RUNS);
            int retries = 0;
            while (true) {
                Attempt attempt = new Attempt(ctx, ns, steps, fifoFd, pid -> {
                    joinCgroup.run(pid);
                    atSync.run(pid);
                }, beforePivot, atLimits);
                try {
                    Created created = attempt.run(retries);
                    done = true;
                    return created;
                } catch (Hung hung) {
                    retries++;
                    if (retries >= MAX_ATTEMPTS) {
                        throw new JrunException("the container process did not start: " + retries
                                + " clones in a row never reported ALIVE (" + hung.getMessage() + ")");
                    }
                } finally {
                    attempt.close();
                }
            }
        } finally {
            Kernel.close(fifoFd);
            if (!done) {
                try {
                    Files.deleteIfExists(fifo);
                } catch (IOException ignored) {
                    // the caller removes the whole state directory anyway
                }
            }
        }
    }

    /** The watchdog fired: the child never said ALIVE (it was killed). */
    private static final class Hung extends Exception {
        Hung(String what) {
            super(what, null, false, false);
        }
    }

    /** One clone and its conversation; fresh pipes each time, so nothing a killed child left behind is read. */
    private static final class Attempt implements AutoCloseable {
        private final PlanContext ctx;
        private final Namespaces ns;
        private final ChildSteps steps;
        private final int fifoFd;
        private final SyncWork atSync;
        private final HookPoint beforePivot;
        private final SyncWork atLimits;
        private final int[] status;
        private final int[] sync;
        private int child = -1;   // our direct child (the init, or the intermediate of a two-clone plan)
        private int init = -1;    // the container's init once known
        private boolean childReaped;

        Attempt(PlanContext ctx, Namespaces ns, ChildSteps steps, int fifoFd, SyncWork atSync, HookPoint beforePivot,
                SyncWork atLimits) {
            this.beforePivot = beforePivot;
            this.atLimits = atLimits;
            this.ctx = ctx;
            this.ns = ns;
            this.steps = steps;
            this.fifoFd = fifoFd;
            this.atSync = atSync;
            this.status = Kernel.pipe();
            this.sync = Kernel.pipe();
        }

        Created run(int retries) throws Hung {
            ChildFds fds = new ChildFds(status[0], status[1], sync[0], sync[1], fifoFd);
            ContainerPlan compiled = ContainerPlanner.compile(ctx, ns, fds, steps);
            if (compiled.initIsGrandchild()) {
                // The init's parent exits at once; as its reaper, `run` can still wait for it.
                Kernel.becomeSubreaper();
            }
            boolean ok = false;
            try (LoadedPlan loaded = LoadedPlan.load(compiled.plan())) {
                long exit = PlanExecutor.execute(loaded);
                long cloned = loaded.registers()[compiled.cloneResult().index()];
                if (exit != 0) {
                    throw new KernelException("clone the container process", (int) -cloned);
                }
                child = (int) cloned;
                init = compiled.initIsGrandchild() ? -1 : child;
                expect(ChildReport.ALIVE, ALIVE_TIMEOUT_MILLIS, loaded, true);
                expect(ChildReport.SYNC, STEP_TIMEOUT_MILLIS, loaded, false);
                writeIdMaps(child);
                atSync.run(child);
                Kernel.write(sync[1], new byte[] {1}, "release the container process");
                if (compiled.initIsGrandchild()) {
                    ChildReport pid = expect(ChildReport.PID, STEP_TIMEOUT_MILLIS, loaded, false);
                    init = (int) pid.a();
                    Kernel.waitpid(child, false);
                    childReaped = true;
                    Kernel.write(sync[1], new byte[] {1}, "release the container init");
                    expect(ChildReport.ALIVE, ALIVE_TIMEOUT_MILLIS, loaded, true);
                }
                if (ContainerPlanner.hasHooksBeforePivot(ctx.spec())) {
                    expect(ChildReport.HOOKS, STEP_TIMEOUT_MILLIS, loaded, false);
                    beforePivot.run(init);
                    Kernel.write(sync[1], new byte[] {1}, "release the container process after its hooks");
                }
                expect(ChildReport.LIMITS, STEP_TIMEOUT_MILLIS, loaded, false);
                atLimits.run(init);
                Kernel.write(sync[1], new byte[] {1}, "release the container process after its limits");
                expect(ChildReport.READY, STEP_TIMEOUT_MILLIS, loaded, false);
                ok = true;
                return new Created(init, ProcfsProcessProbe.startTimeOf(init), retries);
            } finally {
                if (!ok) {
                    killAll();
                }
            }
        }

        /**
         * Reads the next report, which must have {@code tag}. A FAIL report becomes the error naming the child's
         * failed op; silence past the timeout is {@link Hung} for an ALIVE wait and an error otherwise; a child that
         * died without a word is an error with its wait status.
         */
        private ChildReport expect(long tag, int timeoutMillis, LoadedPlan loaded, boolean watchdog) throws Hung {
            long waited = 0;
            while (!Kernel.pollReadable(status[0], SLICE_MILLIS)) {
                waited += SLICE_MILLIS;
                String died = deathOfChild();
                if (died != null) {
                    throw new JrunException("the container process " + died + " before it was ready");
                }
                if (waited >= timeoutMillis) {
                    String what = "no " + name(tag) + " within " + timeoutMillis + " ms";
                    if (watchdog) {
                        throw new Hung(what);
                    }
                    throw new JrunException("the container process is stuck: " + what);
                }
            }
            byte[] bytes = new byte[ChildReport.SIZE];
            int n = Kernel.read(status[0], bytes, "read the container process's report");
            if (n != ChildReport.SIZE) {
                throw new JrunException("the container process sent a broken report (" + n + " bytes)");
            }
            ChildReport report = ChildReport.parse(bytes);
            if (report.tag() == ChildReport.FAIL) {
                int op = (int) report.a();
                String description = op >= 0 && op < loaded.plan().ops().size()
                        ? loaded.plan().ops().get(op).description() : "op " + op;
                throw new JrunException("unable to start container process: "
                        + PlanErrors.message(new Outcome.Failed(op, (int) report.b(), description)));
            }
            if (report.tag() != tag) {
                throw new JrunException("the container process sent " + name(report.tag()) + " where " + name(tag)
                        + " was due");
            }
            return report;
        }

        /** "exited with exit status 1" when our direct child has ended (reaping it), else null. */
        private String deathOfChild() {
            if (!childReaped && child > 0) {
                int st = Kernel.waitpid(child, true);
                if (st != -1) {
                    childReaped = true;
                    if (init == child || init < 0) {
                        return "ended (" + Kernel.describe(st) + ")";
                    }
                }
            }
            if (init > 0 && init != child && !alive(init)) {
                return "ended";
            }
            return null;
        }

        private void writeIdMaps(int pid) {
            if (!ns.creates(Namespaces.CLONE_NEWUSER)) {
                return;
            }
            Linux linux = ctx.spec().linux();
            if (!isRoot()) {
                // An unprivileged writer may only map its own gid after giving up setgroups.
                writeProc(pid, "setgroups", "deny");
            }
            writeProc(pid, "uid_map", mapText(linux.uidMappings()));
            writeProc(pid, "gid_map", mapText(linux.gidMappings()));
        }

        private static String mapText(List<IdMapping> mappings) {
            StringBuilder text = new StringBuilder();
            for (IdMapping m : mappings == null ? List.<IdMapping>of() : mappings) {
                text.append(m.containerID()).append(' ').append(m.hostID()).append(' ').append(m.size()).append('\n');
            }
            return text.toString();
        }

        private static void writeProc(int pid, String file, String content) {
            Path path = Path.of("/proc", Integer.toString(pid), file);
            // One write(2): the kernel takes an id map only whole, in a single write.
            try (FileOutputStream out = new FileOutputStream(path.toFile())) {
                out.write(content.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new JrunException("write " + path + " (\"" + content.trim().replace("\n", "\\n") + "\"): "
                        + e.getMessage(), e);
            }
        }

        private static boolean isRoot() {
            return "root".equals(System.getProperty("user.name"));
        }

        /** Leaves no process behind: the init (if known) and our child, killed and reaped. */
        private void killAll() {
            if (init > 0 && init != child) {
                Kernel.kill(init, 9);
            }
            if (child > 0 && !childReaped) {
                if (init < 0) {
                    killChildrenOf(child);
                }
                Kernel.kill(child, 9);
                try {
                    Kernel.waitpid(child, false);
                } catch (KernelException e) {
                    // already reaped
                }
                childReaped = true;
            }
            if (init > 0 && init != child) {
                waitGone(init);
            }
        }

        /** A two-clone child killed before it reported the init's pid may already have cloned it. */
        private static void killChildrenOf(int pid) {
            Path children = Path.of("/proc", Integer.toString(pid), "task", Integer.toString(pid), "children");
            try {
                for (String p : Files.readString(children).trim().split("\\s+")) {
                    if (!p.isEmpty()) {
                        Kernel.kill(Integer.parseInt(p), 9);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // no children, or the process is gone
            }
        }

        /** The init of a two-clone plan is a grandchild: as subreaper we reap it once it is gone. */
        private static void waitGone(int pid) {
            for (int i = 0; i < 200; i++) {
                try {
                    if (Kernel.waitpid(pid, true) != -1) {
                        return;
                    }
                } catch (KernelException e) {
                    if (!alive(pid)) {
                        return;
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public void close() {
            for (int fd : status) {
                Kernel.close(fd);
            }
            for (int fd : sync) {
                Kernel.close(fd);
            }
        }

        private static boolean alive(int pid) {
            var info = new ProcfsProcessProbe().probe(pid);
            return info.isPresent() && !info.get().hasExited();
        }

        private static String name(long tag) {
            return switch ((int) tag) {
                case 1 -> "ALIVE";
                case 2 -> "SYNC";
                case 3 -> "PID";
                case 4 -> "READY";
                case 5 -> "FAIL";
                case 6 -> "HOOKS";
                case 7 -> "LIMITS";
                default -> "report " + tag;
            };
        }
    }

}
