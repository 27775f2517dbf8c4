package dev.jrun.linux.cgroup.v1;

import dev.jrun.core.events.Stats;
import dev.jrun.core.spec.LinuxResources;
import dev.jrun.linux.cgroup.CgroupManager;
import dev.jrun.linux.cgroup.CgroupRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The cgroup v1 manager (legacy and hybrid hosts). On a hybrid host {@code dirs} also holds the unified
 * hierarchy's directory under key "", which gets the processes (as runc 1.1 does) and nothing else.
 */
public final class V1Cgroups implements CgroupManager {
    /**
     * @param dirs the container's directory in each mounted hierarchy, keyed as {@link CgroupRecord#dirs()}
     * @param created directories already made by jrun (empty for a new manager; from the record when reopened)
     */
    public V1Cgroups(Map<String, Path> dirs, List<Path> created) {
        throw new UnsupportedOperationException("V1Cgroups is being written");
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
