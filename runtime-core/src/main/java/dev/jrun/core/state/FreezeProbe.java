package dev.jrun.core.state;

/** Whether a live container's cgroup is frozen; the one thing that tells paused from running. */
@FunctionalInterface
public interface FreezeProbe {
    /** No freezer to ask (a class, not a lambda: it is on the start-up path of {@code jrun state}). */
    FreezeProbe NONE = new None();

    boolean isFrozen(ContainerState s);

    final class None implements FreezeProbe {
        private None() {
        }

        @Override
        public boolean isFrozen(ContainerState s) {
            return false;
        }
    }
}
