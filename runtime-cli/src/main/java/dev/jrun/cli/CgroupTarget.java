package dev.jrun.cli;

import dev.jrun.core.state.ContainerIds;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.ContainerStatus;
import dev.jrun.core.state.StateStore;
import dev.jrun.linux.cgroup.CgroupManager;
import java.nio.file.Path;

/** The container a cgroup command acts on: its state, its status (paused read from the freezer), its cgroup. */
record CgroupTarget(Path root, String id, ContainerState state, CgroupLoader cgroups) {
    /** Checks the id and loads the state: "does not exist" before anything else, as in runc. */
    static CgroupTarget of(Path root, String id, CgroupLoader cgroups) {
        ContainerIds.check(id);
        return new CgroupTarget(root, id, new StateStore(root).require(id), cgroups);
    }

    ContainerStatus status() {
        return CgroupFreezeProbe.resolver(root, cgroups).resolve(state);
    }

    CgroupManager manager() {
        return cgroups.require(root.resolve(id), id);
    }
}
