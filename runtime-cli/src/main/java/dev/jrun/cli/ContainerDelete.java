package dev.jrun.cli;

import dev.jrun.core.JrunException;
import dev.jrun.core.state.ContainerIds;
import dev.jrun.core.state.ContainerNotFoundException;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.ContainerStatus;
import dev.jrun.core.state.StateStore;
import dev.jrun.core.state.StatusResolver;
import dev.jrun.linux.cgroup.CgroupManager;
import dev.jrun.linux.cgroup.ContainerCgroups;
import dev.jrun.linux.container.ProcessControl;
import dev.jrun.linux.process.Signals;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code delete}, with runc's rules: a stopped container goes; a created one is killed first (runc 1.1.5 does
 * that without --force, since nothing of it has run yet); a running or paused one only with --force, which kills
 * it with SIGKILL and waits for the init to be gone before removing the state.
 */
final class ContainerDelete {
    /** How long delete waits for a killed init to disappear (runc waits up to 10 s too). */
    static final long KILL_WAIT_MILLIS = 10_000;

    private ContainerDelete() {
    }

    static void delete(StateStore store, String id, boolean force) {
        ContainerIds.check(id);
        Optional<ContainerState> stored = store.load(id);
        if (stored.isEmpty()) {
            // A directory without state.json is a create that crashed before writing it: runc removes it, and
            // still reports the container as missing unless --force.
            Path dir = store.root().resolve(id);
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                removeCgroup(dir);
                store.remove(id);
            }
            if (force) {
                return;
            }
            throw new ContainerNotFoundException(id);
        }
        StatusResolver resolver = CgroupFreezeProbe.resolver(store.root(), CgroupLoader.FROM_STATE_DIR);
        ContainerState gone;
        try (StateStore.Lock lock = store.lock(id)) {
            ContainerState state = store.require(id);
            ContainerStatus status = resolver.resolve(state);
            switch (status) {
                case STOPPED -> {
                }
                case CREATED -> killAndWait(state, resolver, store.root().resolve(id));
                default -> {
                    if (!force) {
                        throw new JrunException("cannot delete container " + id + " that is not stopped: "
                                + status.json());
                    }
                    killAndWait(state, resolver, store.root().resolve(id));
                }
            }
            gone = resolver.current(state).withStatus(ContainerStatus.STOPPED);
            removeCgroup(store.root().resolve(id));
        }
        LifecycleHooks.runAtDelete(store.root().resolve(id), gone);
        store.remove(id);
    }

    /**
     * Ends what is left in the container's cgroup (processes that outlived the init, which happens without a pid
     * namespace of its own) and removes the directories create made; runc's destroy does the same.
     */
    static void removeCgroup(Path stateDir) {
        Optional<CgroupManager> found = ContainerCgroups.load(stateDir);
        if (found.isEmpty()) {
            return;
        }
        CgroupManager cgroups = found.get();
        long deadline = System.nanoTime() + KILL_WAIT_MILLIS * 1_000_000;
        while (!cgroups.pids().isEmpty()) {
            if (cgroups.isFrozen()) {
                cgroups.thaw(); // a frozen process cannot die
            }
            cgroups.signalAll(Signals.SIGKILL);
            if (System.nanoTime() > deadline) {
                throw new JrunException("processes " + cgroups.pids() + " are still in the container's cgroup "
                        + KILL_WAIT_MILLIS / 1000 + " s after SIGKILL; not removing its state");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JrunException("interrupted waiting for the container's processes to die", e);
            }
        }
        cgroups.destroy();
    }

    /** SIGKILL, then poll /proc until the init is gone (or a zombie: dead, waiting for its parent to reap it). */
    static void killAndWait(ContainerState state, StatusResolver resolver, Path stateDir) {
        if (state.pid() <= 0) {
            return;
        }
        try {
            ProcessControl.kill(state.pid(), Signals.SIGKILL);
        } catch (JrunException e) {
            // already gone: exactly what we want
        }
        // In a frozen v1 cgroup the SIGKILL waits until the cgroup thaws (runc thaws a paused container for it).
        ContainerCgroups.load(stateDir).filter(CgroupManager::isFrozen).ifPresent(CgroupManager::thaw);
        long deadline = System.nanoTime() + KILL_WAIT_MILLIS * 1_000_000;
        while (resolver.resolve(state) != ContainerStatus.STOPPED) {
            if (System.nanoTime() > deadline) {
                throw new JrunException("container " + state.id() + ": init " + state.pid() + " still exists "
                        + KILL_WAIT_MILLIS / 1000 + " s after SIGKILL; not removing its state");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JrunException("interrupted waiting for container " + state.id() + " to die", e);
            }
        }
    }
}
