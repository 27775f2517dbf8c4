package dev.jrun.cli;

import dev.jrun.core.events.Stats;
import dev.jrun.core.spec.LinuxResources;
import dev.jrun.linux.cgroup.CgroupManager;
import dev.jrun.linux.cgroup.CgroupRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A cgroup that only records what the commands asked of it; for unit tests of the commands' rules. */
class FakeCgroupManager implements CgroupManager {
    boolean frozen;
    final List<LinuxResources> applied = new ArrayList<>();
    final List<Integer> signals = new ArrayList<>();
    List<Integer> pids = List.of();
    long oomKills;
    Stats stats = emptyStats();

    static Stats emptyStats() {
        Stats.MemoryEntry none = new Stats.MemoryEntry(0, 0, 0, 0);
        return new Stats(new Stats.Cpu(new Stats.CpuUsage(0, List.of(), List.of(), List.of(), 0, 0),
                new Stats.Throttling(0, 0, 0)), new Stats.CpuSet(List.of(), 0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0),
                new Stats.Memory(0, none, none, none, none, Map.of()), new Stats.Pids(0, 0), new Stats.Blkio(Map.of()),
                Map.of());
    }

    CgroupLoader loader() {
        return stateDir -> java.util.Optional.of(this);
    }

    @Override
    public void create() {
        throw new AssertionError("commands never create");
    }

    @Override
    public void apply(LinuxResources resources) {
        applied.add(resources);
    }

    @Override
    public void addProcess(int pid) {
        throw new AssertionError("commands never add processes");
    }

    @Override
    public void freeze() {
        frozen = true;
    }

    @Override
    public void thaw() {
        frozen = false;
    }

    @Override
    public boolean isFrozen() {
        return frozen;
    }

    @Override
    public void signalAll(int signal) {
        signals.add(signal);
    }

    @Override
    public List<Integer> pids() {
        return pids;
    }

    @Override
    public Stats stats() {
        return stats;
    }

    @Override
    public long oomKills() {
        return oomKills;
    }

    @Override
    public void destroy() {
        throw new AssertionError("commands never destroy");
    }

    @Override
    public CgroupRecord record() {
        throw new AssertionError("not needed");
    }
}
