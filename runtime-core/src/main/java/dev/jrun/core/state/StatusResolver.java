package dev.jrun.core.state;

import java.util.Optional;

/**
 * Turns the status written to state.json into the status now: the stored one goes stale the moment the container's
 * init exits, and nobody is around to update it. Paused is never stored: like runc, a live container whose cgroup is
 * frozen is paused, whatever state.json says, and one that is thawed is what it was before.
 */
public final class StatusResolver {
    private final ProcessProbe probe;
    private final FreezeProbe freezer;

    /** Without a freezer to ask: the stored status of a live container stands. */
    public StatusResolver(ProcessProbe probe) {
        this(probe, FreezeProbe.NONE);
    }

    public StatusResolver(ProcessProbe probe, FreezeProbe freezer) {
        this.probe = probe;
        this.freezer = freezer;
    }

    public ContainerStatus resolve(ContainerState s) {
        if (s.pid() <= 0) {
            // No init yet: only a container still being set up has an excuse for that.
            return s.status() == ContainerStatus.CREATING ? ContainerStatus.CREATING : ContainerStatus.STOPPED;
        }
        Optional<ProcessInfo> info = probe.probe(s.pid());
        if (info.isEmpty() || info.get().hasExited()) {
            return ContainerStatus.STOPPED;
        }
        if (s.initStartTime() != 0 && info.get().startTime() != s.initStartTime()) {
            // The pid was recycled by an unrelated process.
            return ContainerStatus.STOPPED;
        }
        if (freezer == FreezeProbe.NONE) {
            return s.status(); // nothing to ask: the stored status stands
        }
        if (freezer.isFrozen(s)) {
            return ContainerStatus.PAUSED;
        }
        // An older jrun (or another tool) may have stored paused; thawed, the init has run, so it is running.
        return s.status() == ContainerStatus.PAUSED ? ContainerStatus.RUNNING : s.status();
    }

    /**
     * The state as {@code jrun state} and {@code jrun list} show it: resolved status, and pid 0 once stopped, as runc
     * shows it (the stored pid may already belong to someone else).
     */
    public ContainerState current(ContainerState s) {
        ContainerStatus now = resolve(s);
        ContainerState shown = now == s.status() ? s : s.withStatus(now);
        if (now == ContainerStatus.STOPPED && s.pid() != 0) {
            shown = new ContainerState(shown.ociVersion(), shown.id(), 0, now, shown.bundle(), shown.rootfs(),
                    shown.created(), shown.annotations(), shown.owner(), shown.initStartTime());
        }
        return shown;
    }
}
