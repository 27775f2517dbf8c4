package dev.jrun.cli;

import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.FreezeProbe;
import dev.jrun.core.state.ProcessProbe;
import dev.jrun.core.state.StatusResolver;
import dev.jrun.linux.cgroup.CgroupManager;
import dev.jrun.linux.proc.ProcfsProcessProbe;
import java.nio.file.Path;
import java.util.Optional;

/** Paused means frozen: asks the container's cgroup, found through its state directory under the root. */
final class CgroupFreezeProbe implements FreezeProbe {
    private final Path root;
    private final CgroupLoader cgroups;

    CgroupFreezeProbe(Path root, CgroupLoader cgroups) {
        this.root = root;
        this.cgroups = cgroups;
    }

    /** The resolver every command uses: /proc for the init, the freezer for paused. */
    static StatusResolver resolver(Path root, CgroupLoader cgroups) {
        ProcessProbe procfs = new ProcfsProcessProbe();
        return new StatusResolver(procfs, new CgroupFreezeProbe(root, cgroups));
    }

    @Override
    public boolean isFrozen(ContainerState s) {
        Optional<CgroupManager> m = cgroups.load(root.resolve(s.id()));
        return m.isPresent() && m.get().isFrozen();
    }
}
