package dev.jrun.linux.container;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.Hooks;
import dev.jrun.linux.kernel.Kernel;
import dev.jrun.linux.kernel.LoadedPlan;
import dev.jrun.linux.kernel.PlanExecutor;
import dev.jrun.linux.plan.Arg;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.Label;
import dev.jrun.linux.plan.Outcome;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.PlanErrors;
import dev.jrun.linux.plan.SyscallNumbers;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a createContainer or startContainer hook inside a container's namespaces (runtime-spec: "executed in the
 * container namespace"). The JVM cannot setns itself (it is multithreaded), so a cloned child runs a tiny plan:
 * join the init's user, mount, uts, ipc, network and cgroup namespaces where they differ from ours, take the state
 * on stdin and stdout/stderr pipes, and execve the hook. The pid namespace is not joined (that would need a second
 * clone): the hook sees the container's filesystem and network, with host pids.
 *
 * <p>Messages follow runc: "error running createContainer hook #0: exit status 1, stdout: ..., stderr: ..." and
 * "hook ran past specified timeout of 2.0s".
 */
public final class NamespacedHook {
    private static final long SIGCHLD = 17;
    private static final long SIG_SETMASK = 2;
    private static final long AT_FDCWD = -100;
    private static final long O_RDONLY_CLOEXEC = 02000000;
    /** Namespace files in the order they are joined: the user namespace grants the right to join the others. */
    private static final List<String> NAMESPACES = List.of("user", "mnt", "uts", "ipc", "net", "cgroup");

    private NamespacedHook() {}

    public static void run(String kind, int index, Hooks.Hook hook, int targetPid, byte[] state) {
        try {
            runOnce(hook, targetPid, state, 0);
        } catch (JrunException e) {
            throw new JrunException("error running " + kind + " hook #" + index + ": " + e.getMessage(), e);
        }
    }

    private static void runOnce(Hooks.Hook hook, int targetPid, byte[] state, int retries) {
        int[] status = Kernel.pipe();
        int[] stdin = Kernel.pipe();
        int[] out = Kernel.pipe();
        int[] err = Kernel.pipe();
        int child = -1;
        boolean reaped = false;
        try {
            Built built = compile(hook, targetPid, status, stdin[0], out[1], err[1]);
            PlanExecutor.warmUp(ContainerLauncher.WARM_UP_RUNS);
            try (LoadedPlan loaded = LoadedPlan.load(built.plan)) {
                long exit = PlanExecutor.execute(loaded);
                long cloned = loaded.registers()[built.pid.index()];
                if (exit != 0) {
                    throw new JrunException("clone: " + PlanErrors.errno((int) -cloned));
                }
                child = (int) cloned;
                for (int fd : new int[] {status[1], stdin[0], out[1], err[1]}) {
                    Kernel.close(fd);
                }
                status[1] = stdin[0] = out[1] = err[1] = -1;
                if (!Kernel.pollReadable(status[0], ContainerLauncher.ALIVE_TIMEOUT_MILLIS)) {
                    Kernel.kill(child, 9);
                    Kernel.waitpid(child, false);
                    reaped = true;
                    if (retries + 1 >= ContainerLauncher.MAX_ATTEMPTS) {
                        throw new JrunException("the hook process never started (" + (retries + 1) + " clones hung)");
                    }
                    closeAll(status, stdin, out, err);
                    runOnce(hook, targetPid, state, retries + 1);
                    return;
                }
                byte[] report = new byte[ChildReport.SIZE];
                Kernel.read(status[0], report, "read the hook process's report"); // ALIVE
                Collector stdout = new Collector(out[0]);
                Collector stderr = new Collector(err[0]);
                out[0] = err[0] = -1;
                int n = Kernel.read(status[0], report, "read the hook process's report");
                if (n == ChildReport.SIZE && ChildReport.parse(report).tag() == ChildReport.FAIL) {
                    ChildReport failed = ChildReport.parse(report);
                    int op = (int) failed.a();
                    Kernel.waitpid(child, false);
                    reaped = true;
                    throw new JrunException(PlanErrors.message(new Outcome.Failed(op, (int) failed.b(),
                            loaded.plan().ops().get(op).description())));
                }
                feed(stdin[1], state);
                stdin[1] = -1;
                int waitStatus = waitWithTimeout(child, hook.timeout());
                reaped = true;
                String o = stdout.text();
                String e = stderr.text();
                if (waitStatus == -1) {
                    throw new JrunException("hook ran past specified timeout of " + hook.timeout() + ".0s");
                }
                if (waitStatus != 0) {
                    throw new JrunException(Kernel.describe(waitStatus) + ", stdout: " + o + ", stderr: " + e);
                }
            }
        } finally {
            if (child > 0 && !reaped) {
                Kernel.kill(child, 9);
                Kernel.waitpid(child, false);
            }
            closeAll(status, stdin, out, err);
        }
    }

    private record Built(dev.jrun.linux.plan.Plan plan, Arg.Reg pid) {}

    private static Built compile(Hooks.Hook hook, int targetPid, int[] status, int stdinRead, int outWrite,
            int errWrite) {
        PlanBuilder b = new PlanBuilder();
        int alive = b.arena().bytes(ChildReport.record(ChildReport.ALIVE), 8);
        int fail = b.arena().bytes(ChildReport.record(ChildReport.FAIL), 8);
        int emptyMask = b.arena().slot();
        Label failed = b.label("failure handler");
        Label parent = b.label("parent");
        Label cloneFailed = b.label("clone failed");
        b.onFailure(failed, fail);
        Arg.Reg pid = ContainerPlanner.emitClone(b, "clone the hook process", SIGCHLD, parent, cloneFailed);
        b.sys("report ALIVE", SyscallNumbers.WRITE, imm(status[1]), addr(alive), imm(ChildReport.SIZE));
        b.sys("unblock all signals", SyscallNumbers.RT_SIGPROCMASK, imm(SIG_SETMASK), addr(emptyMask), imm(0), imm(8));
        // Open every namespace first: once in the container's mount namespace, /proc is the container's, where
        // the init's host pid does not exist.
        List<String> joined = new ArrayList<>();
        List<Arg.Reg> fds = new ArrayList<>();
        for (String ns : NAMESPACES) {
            Path theirs = Path.of("/proc", Integer.toString(targetPid), "ns", ns);
            if (sameNamespace(theirs, Path.of("/proc/self/ns", ns))) {
                continue;
            }
            int path = b.arena().string(theirs.toString());
            Arg.Reg fd = b.register();
            b.sys("open the container's " + ns + " namespace", SyscallNumbers.OPENAT, imm(AT_FDCWD), addr(path),
                    imm(O_RDONLY_CLOEXEC)).into(fd);
            joined.add(ns);
            fds.add(fd);
        }
        for (int i = 0; i < joined.size(); i++) {
            b.sys("join the container's " + joined.get(i) + " namespace", SyscallNumbers.SETNS, fds.get(i), imm(0));
            b.sys("close the " + joined.get(i) + " namespace", SyscallNumbers.CLOSE, fds.get(i));
        }
        b.sys("hook stdin", SyscallNumbers.DUP3, imm(stdinRead), imm(0), imm(0));
        b.sys("hook stdout", SyscallNumbers.DUP3, imm(outWrite), imm(1), imm(0));
        b.sys("hook stderr", SyscallNumbers.DUP3, imm(errWrite), imm(2), imm(0));
        int file = b.arena().string(hook.path());
        List<String> args = hook.args() == null || hook.args().isEmpty() ? List.of(hook.path()) : hook.args();
        int argv = b.arena().stringArray(args);
        int envp = b.arena().stringArray(environment(hook));
        b.sys("exec " + hook.path(), SyscallNumbers.EXECVE, addr(file), addr(argv), addr(envp));
        b.exit("exec returned", 1);
        b.bind(failed);
        b.sys("report the failure", SyscallNumbers.WRITE, imm(status[1]), addr(fail), imm(ChildReport.SIZE))
                .expecting(Errno.EPIPE, Errno.EBADF);
        b.sys("exit after a failure", SyscallNumbers.EXIT_GROUP, imm(127));
        b.exit("after exit_group", 127);
        b.bind(parent);
        b.exit("parent", 0);
        b.bind(cloneFailed);
        b.exit("clone failed", 2);
        return new Built(b.build(), pid);
    }

    /** runc runs a hook without env with runc's own environment (Go's exec.Cmd with a nil Env). */
    private static List<String> environment(Hooks.Hook hook) {
        if (hook.env() != null) {
            return hook.env();
        }
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        return env;
    }

    private static boolean sameNamespace(Path a, Path b) {
        try {
            return Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b));
        } catch (IOException e) {
            throw new JrunException("cannot read " + a + ": " + e.getMessage(), e);
        }
    }

    /** Writes the state and closes; a hook that exits without reading stdin is fine (EPIPE is ignored). */
    private static void feed(int fd, byte[] state) {
        try (FileOutputStream in = new FileOutputStream("/proc/self/fd/" + fd)) {
            Kernel.close(fd);
            in.write(state);
        } catch (IOException ignored) {
            // the hook did not read its stdin
        }
    }

    /** The raw wait status, or -1 after killing a hook that ran past its timeout (null: no timeout). */
    private static int waitWithTimeout(int pid, Integer timeoutSeconds) {
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE : System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (true) {
            int st = Kernel.waitpid(pid, true);
            if (st != -1) {
                return st;
            }
            if (System.nanoTime() > deadline) {
                Kernel.kill(pid, 9);
                Kernel.waitpid(pid, false);
                return -1;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeAll(int[]... pipes) {
        for (int[] p : pipes) {
            for (int i = 0; i < p.length; i++) {
                Kernel.close(p[i]);
                p[i] = -1;
            }
        }
    }

    /** Drains one output pipe on a thread, so a chatty hook never blocks on a full pipe. */
    private static final class Collector {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        Collector(int fd) {
            InputStream in;
            try {
                in = new FileInputStream("/proc/self/fd/" + fd);
            } catch (IOException e) {
                throw new JrunException("cannot read hook output: " + e.getMessage(), e);
            } finally {
                Kernel.close(fd);
            }
            thread = Thread.ofPlatform().daemon().start(() -> {
                try (in) {
                    in.transferTo(bytes);
                } catch (IOException ignored) {
                    // the pipe broke: keep what arrived
                }
            });
        }

        String text() {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
