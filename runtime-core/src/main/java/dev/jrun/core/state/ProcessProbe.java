package dev.jrun.core.state;

import java.util.Optional;

/** Looks up a process by pid; the Linux implementation reads procfs. Empty when no such process exists. */
@FunctionalInterface
public interface ProcessProbe {
    Optional<ProcessInfo> probe(int pid);
}
