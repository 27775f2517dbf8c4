package dev.jrun.cli;

import dev.jrun.cli.log.Log;
import dev.jrun.core.JrunException;
import dev.jrun.core.features.Implemented;
import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecBinder;
import dev.jrun.core.state.ContainerIds;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.ContainerStatus;
import dev.jrun.core.state.StateStore;
import dev.jrun.core.validation.BundleValidator;
import dev.jrun.core.validation.SupportCheck;
import dev.jrun.core.spec.LinuxResources;
import dev.jrun.linux.cgroup.CgroupHost;
import dev.jrun.linux.cgroup.CgroupManager;
import dev.jrun.linux.cgroup.Cgroups;
import dev.jrun.linux.cgroup.ContainerCgroups;
import dev.jrun.linux.cgroup.DeviceRules;
import dev.jrun.linux.container.ContainerLauncher;
import dev.jrun.linux.container.CreateRequest;
import dev.jrun.linux.container.Created;
import dev.jrun.linux.container.ProcessControl;
import dev.jrun.linux.proc.ProcfsProcessProbe;
import dev.jrun.linux.process.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code create}: validate the bundle, refuse what jrun cannot enforce, claim the id, launch the init (which then
 * waits on exec.fifo), run the create-time hooks, record the container as created and write the pid file. Any
 * failure after the claim removes the state directory, so a failed create leaves nothing behind; nothing before
 * the claim writes anything.
 */
final class ContainerCreate {
    /**
     * @param bundle        as given (--bundle, or "." for the working directory)
     * @param pidFile       --pid-file, or null
     * @param consoleSocket --console-socket, or null
     * @param systemdCgroup the global --systemd-cgroup
     */
    record Options(String id, Path bundle, String pidFile, String consoleSocket, boolean noPivot, int preserveFds,
            boolean systemdCgroup) {
    }

    private ContainerCreate() {
    }

    /** Creates the container; returns its state (status created, with the init's pid). */
    static ContainerState create(StateStore store, Options o) {
        ContainerIds.check(o.id());
        if (o.consoleSocket() != null) {
            throw new JrunException("--console-socket is not supported yet: terminals come later (set"
                    + " process.terminal to false in config.json and leave out --console-socket)");
        }
        if (o.systemdCgroup()) {
            throw new JrunException("--systemd-cgroup: jrun has no systemd cgroup driver yet; leave the flag out to"
                    + " use the cgroupfs driver (linux.cgroupsPath as a path, such as \"/jrun/" + o.id() + "\")");
        }
        if (o.preserveFds() < 0) {
            throw new JrunException("invalid value \"" + o.preserveFds() + "\" for flag --preserve-fds (must be 0 or"
                    + " more)");
        }
        Path bundle = realBundle(o.bundle());
        SpecBinder.Bound config = BundleValidator.loadBound(bundle);
        SupportCheck.check(bundle, config); // the binder's top-level keys: config.json is read once
        Spec spec = config.spec();
        Path rootfs = bundle.resolve(spec.root().path()).normalize();
        ContainerState initial = new ContainerState(Implemented.OCI_VERSION_MAX, o.id(), 0, ContainerStatus.CREATING,
                bundle.toString(), rootfs.toString(), Instant.now(), spec.annotations(), "", 0);
        store.create(initial); // the claim: ContainerExistsException if the id is taken, and then nothing is ours
        Path stateDir = store.root().resolve(o.id());
        Created launched = null;
        CgroupManager cgroups = null;
        try (StateStore.Lock lock = store.lock(o.id())) {
            cgroups = Cgroups.forNewContainer(CgroupHost.detect(), spec.linux() == null ? null
                    : spec.linux().cgroupsPath(), o.id());
            try {
                cgroups.create();
            } finally {
                // Recorded even when create failed half-way, so that what it made can be found and removed.
                ContainerCgroups.write(stateDir, cgroups.record());
            }
            // prestart and createRuntime run while the init waits at the launcher's HOOKS point (mounts done,
            // pivot_root next), with the state runc passes: status creating and the init's pid. A failing hook
            // throws out of the launcher, which then ends its child.
            ContainerLauncher.HookPoint beforePivot = initPid -> {
                ContainerState creating = withInit(initial, initPid, ProcfsProcessProbe.startTimeOf(initPid));
                store.save(creating);
                LifecycleHooks.runAtCreate(spec.hooks(), creating);
                // createContainer hooks run in there too, in the container's namespaces (NamespacedHook).
            };
            LinuxResources resources = DeviceRules.withEffectiveDevices(spec.linux() == null ? null
                    : spec.linux().resources());
            warnAboutKernelMemory(resources.memory());
            launched = ContainerLauncher.create(new CreateRequest(o.id(), bundle, spec, stateDir, o.noPivot(),
                    o.preserveFds(), cgroups, resources), beforePivot);
            if (launched.watchdogRetries() > 0) {
                Log.debug("container " + o.id() + ": the watchdog retried the clone " + launched.watchdogRetries()
                        + " times");
            }
            ContainerState creating = withInit(initial, launched.pid(), launched.startTime());
            LifecycleHooks.keep(stateDir, spec.hooks());
            ContainerState created = creating.withStatus(ContainerStatus.CREATED);
            store.save(created);
            if (o.pidFile() != null && !o.pidFile().isEmpty()) {
                PidFile.write(Path.of(o.pidFile()), launched.pid());
            }
            return created;
        } catch (RuntimeException | Error e) {
            if (launched != null) {
                // The launcher cleans up its own failures; after it returned, the init is ours to end.
                killAndReap(launched.pid());
            }
            if (cgroups != null) {
                destroyQuietly(cgroups, e);
            }
            removeQuietly(store, o.id(), e);
            throw e;
        }
    }

    static ContainerState withInit(ContainerState s, int pid, long startTime) {
        return new ContainerState(s.ociVersion(), s.id(), pid, s.status(), s.bundle(), s.rootfs(), s.created(),
                s.annotations(), s.owner(), startTime);
    }

    /** The bundle's physical path, as runc records it (runc chdirs into the bundle and asks getcwd). */
    private static Path realBundle(Path given) {
        if (!Files.isDirectory(given)) {
            throw new JrunException("chdir " + given + ": " + (Files.exists(given) ? "not a directory"
                    : "no such file or directory") + " (--bundle must name the bundle directory)");
        }
        try {
            return given.toRealPath();
        } catch (IOException e) {
            throw new JrunException("cannot resolve bundle " + given + ": " + e.getMessage(), e);
        }
    }

    static void killAndReap(int pid) {
        try {
            ProcessControl.kill(pid, Signals.SIGKILL);
            ProcessControl.waitForExit(pid);
        } catch (RuntimeException e) {
            Log.debug("cleaning up init " + pid + ": " + e.getMessage());
        }
    }

    /** runc's warning: the kernel removed kmem limits, and both runc and jrun skip them. */
    private static void warnAboutKernelMemory(LinuxResources.Memory m) {
        if (m != null && m.kernel() != null && m.kernel() != 0) {
            Log.warn("linux.resources.memory.kernel: kernel memory settings are ignored (the kernel no longer"
                    + " supports them) and will be removed");
        }
        if (m != null && m.kernelTCP() != null && m.kernelTCP() != 0) {
            Log.warn("linux.resources.memory.kernelTCP: kernel TCP memory settings are ignored (the kernel no longer"
                    + " supports them) and will be removed");
        }
    }

    /** A failed create removes the cgroups it made (the launcher has ended every process in them). */
    private static void destroyQuietly(CgroupManager cgroups, Throwable failure) {
        try {
            cgroups.destroy();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            Log.warn("cannot remove the cgroup of the failed container: " + e.getMessage());
        }
    }

    private static void removeQuietly(StateStore store, String id, Throwable failure) {
        try {
            store.remove(id);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            Log.warn("cannot remove the state of failed container " + id + ": " + e.getMessage());
        }
    }
}
