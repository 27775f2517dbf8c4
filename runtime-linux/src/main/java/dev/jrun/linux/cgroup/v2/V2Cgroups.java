package dev.jrun.linux.cgroup.v2;

import dev.jrun.core.events.Stats;
import dev.jrun.core.spec.LinuxResources;
import dev.jrun.linux.cgroup.CgroupManager;
import dev.jrun.linux.cgroup.CgroupRecord;
import java.nio.file.Path;
import java.util.List;

/**
 * The cgroup v2 manager (unified hosts): one directory under the cgroup2 mount.
 */
public final class V2Cgroups implements CgroupManager {
    /**
     * @param mount the cgroup2 mount point (controllers are enabled from here down to the parent of {@code dir})
     * @param dir the container's cgroup directory under {@code mount}
     * @param created directories already made by jrun (empty for a new manager; from the record when reopened)
     */
    public V2Cgroups(Path mount, Path dir, List<Path> created) {
        throw new UnsupportedOperationException("V2Cgroups is being written");
    }

    @Override public void create() { throw new UnsupportedOperationException(); }
    @Override public void apply(LinuxResources resources) { throw new UnsupportedOperationException(); }
    @Override public void addProcess(int pid) { throw new UnsupportedOperationException(); }
    @Override public void freeze() { throw new UnsupportedOperationException(); }
    @Override public void thaw() { throw new UnsupportedOperationException(); }
    @Override public boolean isFrozen() { throw new UnsupportedOperationException(); }
    @Override public void signalAll(int signal) { throw new UnsupportedOperationException(); }
    @Override public List<Integer> pids() { throw new UnsupportedOperationException(); }
    @Override public Stats stats() { throw new UnsupportedOperationException(); }
    @Override public long oomKills() { throw new UnsupportedOperationException(); }
    @Override public void destroy() { throw new UnsupportedOperationException(); }
    @Override public CgroupRecord record() { throw new UnsupportedOperationException(); }
}
