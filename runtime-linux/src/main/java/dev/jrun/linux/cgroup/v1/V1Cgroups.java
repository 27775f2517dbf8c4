package dev.jrun.linux.cgroup.v1;

import dev.jrun.core.events.Stats;
import dev.jrun.core.spec.LinuxResources;
import dev.jrun.linux.cgroup.CgroupDirs;
import dev.jrun.linux.cgroup.CgroupException;
import dev.jrun.linux.cgroup.CgroupFiles;
import dev.jrun.linux.cgroup.CgroupManager;
import dev.jrun.linux.cgroup.CgroupRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cgroup v1 manager (legacy and hybrid hosts). On a hybrid host {@code dirs} also holds the unified
 * hierarchy's directory under key "", which gets the processes (as runc 1.1 does) and nothing else.
 */
public final class V1Cgroups implements CgroupManager {
    private static final int FREEZE_ATTEMPTS = 1000;

    private final Map<String, Path> dirs;
    private final List<Path> created;

    /**
     * @param dirs the container's directory in each mounted hierarchy, keyed as {@link CgroupRecord#dirs()}
     * @param created directories already made by jrun (empty for a new manager; from the record when reopened)
     */
    public V1Cgroups(Map<String, Path> dirs, List<Path> created) {
        this.dirs = new LinkedHashMap<>(dirs);
        this.created = new ArrayList<>(created);
    }

    /** The directory of {@code controller} ("memory" is found in a "memory" or a combined key), or null. */
    Path dirOf(String controller) {
        for (Map.Entry<String, Path> e : dirs.entrySet()) {
            for (String part : e.getKey().split(",")) {
                if (part.equals(controller)) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    @Override
    public void create() {
        for (Map.Entry<String, Path> e : dirs.entrySet()) {
            for (Path p : CgroupDirs.missing(e.getValue())) {
                CgroupDirs.mkdir(p);
                created.add(p);
                if (e.getKey().equals("cpuset")) {
                    inheritCpuset(p);
                }
            }
        }
    }

    /** A new cpuset starts with no cpus and mems, and takes no process then: copy its parent's (runc does too). */
    private static void inheritCpuset(Path dir) {
        for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
            String mine = CgroupFiles.readOrNull(dir.resolve(file));
            if (mine == null || !mine.isEmpty()) {
                continue;
            }
            String parent = CgroupFiles.readOrNull(dir.getParent().resolve(file));
            if (parent != null && !parent.isEmpty()) {
                CgroupFiles.write("cgroup " + dir, dir.resolve(file), parent);
            }
        }
    }

    @Override
    public void apply(LinuxResources resources) {
        new V1Resources(this::dirOf).apply(resources);
    }

    @Override
    public void addProcess(int pid) {
        for (Path dir : dirs.values()) {
            CgroupFiles.write("the container's cgroup", dir.resolve("cgroup.procs"), Integer.toString(pid));
        }
    }

    @Override
    public void freeze() {
        Path state = freezer("pause").resolve("freezer.state");
        for (int i = 0; i < FREEZE_ATTEMPTS; i++) {
            // FREEZING can stay for a while when a task is in an uninterruptible sleep; writing again retries.
            CgroupFiles.write("pause", state, "FROZEN");
            if ("FROZEN".equals(CgroupFiles.readOrNull(state))) {
                return;
            }
            CgroupDirs.sleepMillis(1);
        }
        CgroupFiles.write("pause", state, "THAWED");
        throw new CgroupException("pause: " + state + " did not reach FROZEN; the container was left thawed");
    }

    @Override
    public void thaw() {
        Path state = freezer("resume").resolve("freezer.state");
        CgroupFiles.write("resume", state, "THAWED");
        for (int i = 0; i < FREEZE_ATTEMPTS && !"THAWED".equals(CgroupFiles.readOrNull(state)); i++) {
            CgroupDirs.sleepMillis(1);
        }
    }

    @Override
    public boolean isFrozen() {
        Path dir = dirOf("freezer");
        return dir != null && "FROZEN".equals(CgroupFiles.readOrNull(dir.resolve("freezer.state")));
    }

    private Path freezer(String what) {
        Path dir = dirOf("freezer");
        if (dir == null) {
            throw new CgroupException(what + ": the freezer cgroup controller is not mounted on this host");
        }
        return dir;
    }

    /** Frozen while signalled (runc's signalAllProcesses), so that no process forks past the list. */
    @Override
    public void signalAll(int signal) {
        if (dirOf("freezer") == null) {
            CgroupDirs.signal(pids(), signal);
        } else {
            CgroupDirs.signalFrozen(this, signal);
        }
    }

    @Override
    public List<Integer> pids() {
        // Any hierarchy lists every process of the container; the freezer is the one signalAll freezes.
        Path dir = dirOf("freezer");
        return CgroupDirs.pids(dir != null ? dir : dirs.values().iterator().next());
    }

    @Override
    public Stats stats() {
        return V1Stats.read(this::dirOf);
    }

    @Override
    public long oomKills() {
        Path dir = dirOf("memory");
        if (dir == null) {
            return 0;
        }
        return CgroupFiles.keyValues(CgroupFiles.readOrNull(dir.resolve("memory.oom_control"))).getOrDefault("oom_kill",
                0L);
    }

    @Override
    public void destroy() {
        CgroupDirs.remove(created);
        created.clear();
    }

    @Override
    public CgroupRecord record() {
        Map<String, String> d = new LinkedHashMap<>();
        dirs.forEach((k, v) -> d.put(k, v.toString()));
        List<String> c = new ArrayList<>();
        created.forEach(p -> c.add(p.toString()));
        return new CgroupRecord("v1", d, c);
    }
}
