package dev.jrun.linux.cgroup.v2;

import dev.jrun.core.events.Stats;
import dev.jrun.core.spec.LinuxResources;
import dev.jrun.linux.cgroup.CgroupDirs;
import dev.jrun.linux.cgroup.CgroupException;
import dev.jrun.linux.cgroup.CgroupFiles;
import dev.jrun.linux.cgroup.CgroupManager;
import dev.jrun.linux.cgroup.CgroupRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The cgroup v2 manager (unified hosts): one directory under the cgroup2 mount. */
public final class V2Cgroups implements CgroupManager {
    private static final int WAIT_STEPS = 2000; // of 5 ms: a freeze that takes 10 s is stuck

    private final Path mount;
    private final Path dir;
    private final List<Path> created;

    /**
     * @param mount the cgroup2 mount point (controllers are enabled from here down to the parent of {@code dir})
     * @param dir the container's cgroup directory under {@code mount}
     * @param created directories already made by jrun (empty for a new manager; from the record when reopened)
     */
    public V2Cgroups(Path mount, Path dir, List<Path> created) {
        this.mount = mount;
        this.dir = dir;
        this.created = new ArrayList<>(created);
    }

    /**
     * Every controller an ancestor has is enabled for its children, from the mount down (runc's fs2 does the same,
     * one by one where enabling them all at once is refused); a controller that cannot be enabled only matters
     * when a setting needs its files, and then that setting's write names the missing file.
     */
    @Override
    public void create() {
        if (!dir.startsWith(mount) || dir.equals(mount)) {
            throw new CgroupException("cgroup " + dir + " is not below the cgroup2 mount " + mount);
        }
        Path parent = mount;
        for (Path part : mount.relativize(dir)) {
            enableControllers(parent);
            Path child = parent.resolve(part.toString());
            if (!Files.isDirectory(child)) {
                CgroupDirs.mkdir(child);
                created.add(child);
            }
            parent = child;
        }
    }

    private static void enableControllers(Path parent) {
        String available = CgroupFiles.readOrNull(parent.resolve("cgroup.controllers"));
        if (available == null || available.isEmpty()) {
            return;
        }
        String enabled = CgroupFiles.readOrNull(parent.resolve("cgroup.subtree_control"));
        List<String> wanted = new ArrayList<>();
        for (String c : available.split("\\s+")) {
            if (enabled == null || !List.of(enabled.split("\\s+")).contains(c)) {
                wanted.add("+" + c);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        try {
            CgroupFiles.write("cgroup " + parent, parent.resolve("cgroup.subtree_control"), String.join(" ", wanted));
        } catch (CgroupException all) {
            for (String c : wanted) {
                try {
                    CgroupFiles.write("cgroup " + parent, parent.resolve("cgroup.subtree_control"), c);
                } catch (CgroupException one) {
                    // left disabled: a setting that needs it fails with its own file named
                }
            }
        }
    }

    @Override
    public void apply(LinuxResources resources) {
        new V2Resources(dir).apply(resources);
    }

    @Override
    public void addProcess(int pid) {
        CgroupFiles.write("the container's cgroup", dir.resolve("cgroup.procs"), Integer.toString(pid));
    }

    @Override
    public void freeze() {
        CgroupFiles.write("pause", dir.resolve("cgroup.freeze"), "1");
        awaitFrozen(true, "pause");
    }

    @Override
    public void thaw() {
        CgroupFiles.write("resume", dir.resolve("cgroup.freeze"), "0");
        awaitFrozen(false, "resume");
    }

    private void awaitFrozen(boolean frozen, String what) {
        for (int i = 0; i < WAIT_STEPS; i++) {
            if (isFrozen() == frozen) {
                return;
            }
            CgroupDirs.sleepMillis(5);
        }
        throw new CgroupException(what + ": " + dir.resolve("cgroup.events") + " never said frozen "
                + (frozen ? 1 : 0));
    }

    @Override
    public boolean isFrozen() {
        return CgroupFiles.keyValues(CgroupFiles.readOrNull(dir.resolve("cgroup.events"))).getOrDefault("frozen", 0L)
                == 1;
    }

    /** SIGKILL through cgroup.kill (kernel 5.14+), which nothing can escape; else each pid, frozen meanwhile. */
    @Override
    public void signalAll(int signal) {
        if (signal == 9 && Files.exists(dir.resolve("cgroup.kill"))) {
            CgroupFiles.write("kill --all", dir.resolve("cgroup.kill"), "1");
            return;
        }
        CgroupDirs.signalFrozen(this, signal);
    }

    @Override
    public List<Integer> pids() {
        return CgroupDirs.pids(dir);
    }

    @Override
    public Stats stats() {
        return V2Stats.read(dir);
    }

    @Override
    public long oomKills() {
        return CgroupFiles.keyValues(CgroupFiles.readOrNull(dir.resolve("memory.events"))).getOrDefault("oom_kill",
                0L);
    }

    @Override
    public void destroy() {
        CgroupDirs.remove(created);
        created.clear();
    }

    @Override
    public CgroupRecord record() {
        List<String> c = new ArrayList<>();
        created.forEach(p -> c.add(p.toString()));
        return new CgroupRecord("v2", Map.of("", dir.toString()), c);
    }
}
