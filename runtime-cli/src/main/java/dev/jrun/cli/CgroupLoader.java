package dev.jrun.cli;

import dev.jrun.core.JrunException;
import dev.jrun.linux.cgroup.CgroupManager;
import dev.jrun.linux.cgroup.ContainerCgroups;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a container's cgroup manager from its state directory. The commands hold one so that unit tests can hand
 * them a fake manager; everywhere else it is {@link #FROM_STATE_DIR}.
 */
interface CgroupLoader {
    CgroupLoader FROM_STATE_DIR = new FromStateDir();

    /** Empty when the container has no cgroup record. */
    Optional<CgroupManager> load(Path stateDir);

    /** The manager, or an error saying the container has none (it was made by a jrun without cgroups). */
    default CgroupManager require(Path stateDir, String id) {
        Optional<CgroupManager> m = load(stateDir);
        if (m.isEmpty()) {
            throw new JrunException("container " + id + " has no cgroup: " + stateDir.resolve(ContainerCgroups.FILE)
                    + " is missing (it was created by a jrun without cgroup support); delete and re-create it");
        }
        return m.get();
    }

    /** A class, not a method reference: {@code jrun state} uses it, and each lambda costs start-up time. */
    final class FromStateDir implements CgroupLoader {
        @Override
        public Optional<CgroupManager> load(Path stateDir) {
            return ContainerCgroups.load(stateDir);
        }
    }
}
