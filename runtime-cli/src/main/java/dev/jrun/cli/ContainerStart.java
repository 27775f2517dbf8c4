package dev.jrun.cli;

import dev.jrun.core.JrunException;
import dev.jrun.core.state.ContainerIds;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.ContainerStatus;
import dev.jrun.core.state.StateStore;
import dev.jrun.core.state.StatusResolver;
import dev.jrun.linux.container.ExecFifo;
import dev.jrun.linux.proc.ProcfsProcessProbe;
import java.nio.file.Path;

/** {@code start}: release a created container's init through exec.fifo, record it running, run poststart. */
final class ContainerStart {
    private ContainerStart() {
    }

    static ContainerState start(StateStore store, String id) {
        ContainerIds.check(id);
        store.require(id);
        Path stateDir = store.root().resolve(id);
        ContainerState running;
        try (StateStore.Lock lock = store.lock(id)) {
            // Re-read under the lock: whoever held it may have started or deleted the container.
            ContainerState current = new StatusResolver(new ProcfsProcessProbe()).current(store.require(id));
            refuseUnlessCreated(current.status());
            try {
                LifecycleHooks.runBeforeStart(stateDir, current);
            } catch (RuntimeException e) {
                // runc: a failing startContainer hook fails the init, so the container ends stopped.
                ContainerCreate.killAndReap(current.pid());
                throw e;
            }
            ExecFifo.release(stateDir);
            running = current.withStatus(ContainerStatus.RUNNING);
            store.save(running);
        }
        LifecycleHooks.runAfterStart(stateDir, running);
        return running;
    }

    /** runc's texts for each status start refuses. */
    static void refuseUnlessCreated(ContainerStatus status) {
        switch (status) {
            case CREATED -> {
            }
            case STOPPED -> throw new JrunException("cannot start a container that has stopped");
            case RUNNING -> throw new JrunException("cannot start an already running container");
            default -> throw new JrunException("cannot start a container in the " + status.json() + " state");
        }
    }
}
