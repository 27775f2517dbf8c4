package dev.jrun.linux.cgroup;

import dev.jrun.core.events.Stats;
import dev.jrun.core.spec.LinuxResources;
import java.util.List;

/**
 * One container's cgroup, on whichever hierarchy layout the host mounts (v1 with {@code v1.V1Cgroups}, unified with
 * {@code v2.V2Cgroups}), as runc's fs and fs2 managers do. Every failure is a {@link CgroupException} naming the
 * setting and the file.
 *
 * <p>Lifecycle: {@link #create()} makes the directories (recording which it made), {@link #apply} writes limits,
 * {@link #addProcess} moves the container's first process in before it runs user code; {@link #destroy()} removes
 * exactly the directories {@code create} made, never one that existed before.
 */
public interface CgroupManager {
    /** Makes the cgroup directories that do not exist yet (v2: enabling controllers in the ancestors). */
    void create();

    /**
     * Writes every setting present in {@code resources} (null fields are left as they are, so {@code update} can
     * pass only what changes). {@code devices}, when non-null, is the whole effective rule list in order.
     */
    void apply(LinuxResources resources);

    /** Moves {@code pid} into the cgroup, in every hierarchy. */
    void addProcess(int pid);

    /** Freezes every process, returning once the kernel reports the cgroup frozen. */
    void freeze();

    void thaw();

    boolean isFrozen();

    /** Sends {@code signal} to every process in the cgroup and its descendants (v2 SIGKILL: cgroup.kill). */
    void signalAll(int signal);

    /** Host pids of every process in the cgroup and its descendants, ascending. */
    List<Integer> pids();

    Stats stats();

    /** OOM kills the memory controller has counted in this cgroup (v1 memory.oom_control, v2 memory.events). */
    long oomKills();

    /** Removes the directories {@link #create()} made, deepest first; the processes must be gone already. */
    void destroy();

    /** What {@code delete}, {@code pause} and the rest need to find this cgroup again (kept in the state dir). */
    CgroupRecord record();
}
