package dev.jrun.linux.container;

/**
 * Creates containers: compiles the plan, clones the child that runs it, writes the id maps, waits for READY.
 */
public final class ContainerLauncher {
    private ContainerLauncher() {}

    /**
     * Creates the container and returns once its init waits on exec.fifo. On failure it throws a {@link
     * dev.jrun.core.JrunException} whose message names the failed step ("mount proc on /proc: EPERM (operation not
     * permitted)") and leaves no process behind (the child is killed and reaped); the caller removes the state
     * directory.
     */
    public static Created create(CreateRequest request) {
        throw new UnsupportedOperationException("not yet");
    }
}
