package dev.jrun.core.state;

/** Whether a live container's cgroup is frozen; the one thing that tells paused from running. */
@FunctionalInterface
public interface FreezeProbe {
    /** A container without cgroups is never frozen. */
    FreezeProbe NONE = s -> false;

    boolean isFrozen(ContainerState s);
}
