package dev.jrun.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusResolverTest {
    private static ContainerState state(int pid, ContainerStatus status, long startTime) {
        return new ContainerState("1.2.1", "c1", pid, status, "/b", "/b/rootfs", Instant.EPOCH, Map.of(), "",
                startTime);
    }

    private static StatusResolver resolverSeeing(int pid, char state, long startTime) {
        return new StatusResolver(p -> p == pid ? Optional.of(new ProcessInfo(state, startTime)) : Optional.empty());
    }

    @Test
    void noPidIsCreatingOnlyWhileCreating() {
        StatusResolver r = new StatusResolver(p -> {
            throw new AssertionError("must not probe pid " + p);
        });
        assertEquals(ContainerStatus.CREATING, r.resolve(state(0, ContainerStatus.CREATING, 0)));
        assertEquals(ContainerStatus.STOPPED, r.resolve(state(0, ContainerStatus.CREATED, 0)));
        assertEquals(ContainerStatus.STOPPED, r.resolve(state(-1, ContainerStatus.RUNNING, 0)));
    }

    @Test
    void liveMatchingProcessKeepsStoredStatus() {
        StatusResolver r = resolverSeeing(42, 'S', 1000);
        assertEquals(ContainerStatus.CREATED, r.resolve(state(42, ContainerStatus.CREATED, 1000)));
        assertEquals(ContainerStatus.RUNNING, r.resolve(state(42, ContainerStatus.RUNNING, 1000)));
        assertEquals(ContainerStatus.PAUSED, r.resolve(state(42, ContainerStatus.PAUSED, 1000)));
    }

    @Test
    void unknownStartTimeTrustsThePid() {
        assertEquals(ContainerStatus.RUNNING, resolverSeeing(42, 'R', 777).resolve(state(42, ContainerStatus.RUNNING, 0)));
    }

    @Test
    void absentProcessIsStopped() {
        assertEquals(ContainerStatus.STOPPED, resolverSeeing(7, 'S', 1000).resolve(state(42, ContainerStatus.RUNNING, 1000)));
    }

    @Test
    void zombieOrDeadIsStopped() {
        assertEquals(ContainerStatus.STOPPED, resolverSeeing(42, 'Z', 1000).resolve(state(42, ContainerStatus.RUNNING, 1000)));
        assertEquals(ContainerStatus.STOPPED, resolverSeeing(42, 'X', 1000).resolve(state(42, ContainerStatus.CREATED, 1000)));
    }

    @Test
    void recycledPidIsStopped() {
        assertEquals(ContainerStatus.STOPPED, resolverSeeing(42, 'S', 2000).resolve(state(42, ContainerStatus.RUNNING, 1000)));
    }

    @Test
    void currentStateShowsPidZeroOnceStopped() {
        ContainerState dead = resolverSeeing(7, 'S', 1000).current(state(42, ContainerStatus.RUNNING, 1000));
        assertEquals(ContainerStatus.STOPPED, dead.status());
        assertEquals(0, dead.pid());
        ContainerState alive = state(42, ContainerStatus.CREATED, 1000);
        assertEquals(alive, resolverSeeing(42, 'S', 1000).current(alive));
    }

    @Test
    void frozenLiveContainerIsPausedAndThawedIsWhatItWas() {
        ProcessProbe alive = p -> Optional.of(new ProcessInfo('S', 1000));
        StatusResolver frozen = new StatusResolver(alive, s -> true);
        StatusResolver thawed = new StatusResolver(alive, s -> false);
        assertEquals(ContainerStatus.PAUSED, frozen.resolve(state(42, ContainerStatus.RUNNING, 1000)));
        assertEquals(ContainerStatus.PAUSED, frozen.resolve(state(42, ContainerStatus.CREATED, 1000)));
        assertEquals(ContainerStatus.RUNNING, thawed.resolve(state(42, ContainerStatus.RUNNING, 1000)));
        assertEquals(ContainerStatus.CREATED, thawed.resolve(state(42, ContainerStatus.CREATED, 1000)));
        assertEquals(ContainerStatus.RUNNING, thawed.resolve(state(42, ContainerStatus.PAUSED, 1000)));
        assertEquals(ContainerStatus.PAUSED, frozen.current(state(42, ContainerStatus.RUNNING, 1000)).status());
    }

    @Test
    void deadContainerIsStoppedWithoutAskingTheFreezer() {
        StatusResolver r = new StatusResolver(p -> Optional.empty(), s -> {
            throw new AssertionError("a stopped container's freezer must not be read");
        });
        assertEquals(ContainerStatus.STOPPED, r.resolve(state(42, ContainerStatus.RUNNING, 1000)));
    }
}
