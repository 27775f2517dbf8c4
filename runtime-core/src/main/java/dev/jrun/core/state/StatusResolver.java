package dev.jrun.core.state;

import java.util.Optional;

/**
 * Turns the status written to state.json into the status now: the stored one goes stale the moment the container's
 * init exits, and nobody is around to update it. Distinguishing running from paused needs cgroups and happens later.
 */
public final class StatusResolver {
    private final ProcessProbe probe;

    public StatusResolver(ProcessProbe probe) {
        this.probe = probe;
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
        return s.status();
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
