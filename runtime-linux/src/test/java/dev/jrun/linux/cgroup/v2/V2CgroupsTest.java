package dev.jrun.linux.cgroup.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.spec.LinuxResources;
import dev.jrun.linux.cgroup.CgroupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v2 manager against a fake cgroupfs tree: values converted and written, controllers enabled, errors. */
class V2CgroupsTest {
    private static final List<String> FILES = List.of("cgroup.procs", "cgroup.freeze", "cgroup.events", "memory.max",
            "memory.swap.max", "memory.low", "memory.current", "cpu.weight", "cpu.max", "cpu.max.burst", "cpu.idle",
            "cpuset.cpus", "cpuset.mems", "pids.max", "io.weight", "io.max", "hugetlb.2MB.max", "rdma.max",
            "memory.high", "memory.oom.group");

    @TempDir
    Path mount;
    Path dir;
    V2Cgroups cgroup;

    @BeforeEach
    void tree() throws IOException {
        Files.writeString(mount.resolve("cgroup.controllers"), "cpu memory pids io");
        Files.writeString(mount.resolve("cgroup.subtree_control"), "");
        dir = mount.resolve("jrun").resolve("c1");
        cgroup = new V2Cgroups(mount, dir, List.of());
    }

    private void files() throws IOException {
        for (String f : FILES) {
            Files.writeString(dir.resolve(f), "");
        }
    }

    private String file(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    private static LinuxResources resources(LinuxResources.Memory m, LinuxResources.Cpu c) {
        return new LinuxResources(null, m, c, null, null, null, null, null, null);
    }

    @Test
    void createEnablesTheControllersOfEachAncestorAndRecordsOnlyWhatItMade() throws IOException {
        cgroup.create();
        assertEquals("+cpu +memory +pids +io", Files.readString(mount.resolve("cgroup.subtree_control")));
        assertTrue(Files.isDirectory(dir));
        assertEquals(List.of(mount.resolve("jrun").toString(), dir.toString()), cgroup.record().created());
        assertEquals(Map.of("", dir.toString()), cgroup.record().dirs());
        cgroup.destroy();
        assertFalse(Files.exists(mount.resolve("jrun")));
        assertTrue(Files.isDirectory(mount), "the mount is not ours");
    }

    @Test
    void memoryLimitSwapAndReservationAreConvertedAsRuncDoes() throws IOException {
        cgroup.create();
        files();
        cgroup.apply(resources(new LinuxResources.Memory(100L << 20, 64L << 20, 300L << 20, null, null, null, null,
                null, null), null));
        assertEquals(Long.toString(100L << 20), file("memory.max"));
        assertEquals(Long.toString(200L << 20), file("memory.swap.max"), "swap.max is memory+swap minus memory");
        assertEquals(Long.toString(64L << 20), file("memory.low"));
        cgroup.apply(resources(new LinuxResources.Memory(50L, null, 50L, null, null, null, null, null, null), null));
        assertEquals("0", file("memory.swap.max"), "equal limits: no swap");
        cgroup.apply(resources(new LinuxResources.Memory(-1L, null, null, null, null, null, null, null, null), null));
        assertEquals("max", file("memory.max"));
        assertEquals("max", file("memory.swap.max"), "unlimited memory and unset swap: unlimited swap");
    }

    @Test
    void swapBelowTheLimitOrWithoutOneIsRefused() throws IOException {
        cgroup.create();
        files();
        CgroupException below = assertThrows(CgroupException.class, () -> cgroup.apply(resources(
                new LinuxResources.Memory(100L, null, 50L, null, null, null, null, null, null), null)));
        assertTrue(below.getMessage().startsWith("linux.resources.memory.swap: memory+swap limit"), below.getMessage());
        CgroupException alone = assertThrows(CgroupException.class, () -> cgroup.apply(resources(
                new LinuxResources.Memory(null, null, 50L, null, null, null, null, null, null), null)));
        assertTrue(alone.getMessage().contains("without memory limit"), alone.getMessage());
    }

    @Test
    void cpuSharesBecomeAWeightAndQuotaPeriodOneCpuMaxLine() throws IOException {
        cgroup.create();
        files();
        cgroup.apply(resources(null, new LinuxResources.Cpu(1024L, 50000L, 1000L, 100000L, null, null, "0-1", "0",
                1L)));
        assertEquals("39", file("cpu.weight"), "runc: 1 + (1024-2)*9999/262142");
        assertEquals("50000 100000", file("cpu.max"));
        assertEquals("1000", file("cpu.max.burst"));
        assertEquals("1", file("cpu.idle"));
        assertEquals("0-1", file("cpuset.cpus"));
        assertEquals("0", file("cpuset.mems"));
        cgroup.apply(resources(null, new LinuxResources.Cpu(null, -1L, null, 200000L, null, null, null, null, null)));
        assertEquals("max 200000", file("cpu.max"));
        assertEquals(1L, V2Values.cpuWeight(2));
        assertEquals(10000L, V2Values.cpuWeight(262144));
    }

    @Test
    void pidsIoHugetlbRdmaAndUnifiedAreWritten() throws IOException {
        cgroup.create();
        files();
        cgroup.apply(new LinuxResources(null, null, null, new LinuxResources.Pids(-1L),
                new LinuxResources.BlockIo(500, null, null, List.of(new LinuxResources.ThrottleDevice(8L, 0L, 1000L)),
                        null, null, List.of(new LinuxResources.ThrottleDevice(8L, 0L, 30L))),
                List.of(new LinuxResources.HugepageLimit("2MB", 4194304L)), null,
                Map.of("mlx4_0", new LinuxResources.Rdma(3L, 4L)), Map.of("memory.high", "1048576")));
        assertEquals("max", file("pids.max"));
        assertEquals("4950", file("io.weight"), "runc: 1 + (500-10)*9999/990");
        assertEquals("8:0 wiops=30", file("io.max"), "each io.max line is one write; the last one is in the fake");
        assertEquals("4194304", file("hugetlb.2MB.max"));
        assertEquals("mlx4_0 hca_handle=3 hca_object=4", file("rdma.max"));
        assertEquals("1048576", file("memory.high"));
    }

    @Test
    void whatV2HasNoFileForIsAnErrorNamingTheField() throws IOException {
        cgroup.create();
        files();
        CgroupException swappiness = assertThrows(CgroupException.class, () -> cgroup.apply(resources(
                new LinuxResources.Memory(null, null, null, null, null, 10L, null, null, null), null)));
        assertTrue(swappiness.getMessage().startsWith("linux.resources.memory.swappiness: "), swappiness.getMessage());
        CgroupException rt = assertThrows(CgroupException.class, () -> cgroup.apply(resources(null,
                new LinuxResources.Cpu(null, null, null, null, 100L, 1000L, null, null, null))));
        assertTrue(rt.getMessage().startsWith("linux.resources.cpu.realtimeRuntime: "), rt.getMessage());
        CgroupException unknown = assertThrows(CgroupException.class, () -> cgroup.apply(new LinuxResources(null,
                null, null, null, null, null, null, null, Map.of("foo.bar", "1"))));
        assertTrue(unknown.getMessage().startsWith("linux.resources.unified[\"foo.bar\"]: "), unknown.getMessage());
        CgroupException escape = assertThrows(CgroupException.class, () -> cgroup.apply(new LinuxResources(null,
                null, null, null, null, null, null, null, Map.of("../cgroup.procs", "1"))));
        assertTrue(escape.getMessage().contains("not a cgroup file name"), escape.getMessage());
        Files.delete(dir.resolve("pids.max"));
        CgroupException missing = assertThrows(CgroupException.class, () -> cgroup.apply(new LinuxResources(null,
                null, null, new LinuxResources.Pids(5L), null, null, null, null, null)));
        assertTrue(missing.getMessage().startsWith("linux.resources.pids.limit: " + dir.resolve("pids.max")
                + " does not exist"), missing.getMessage());
    }

    @Test
    void frozenAndOomKillsComeFromTheEventFiles() throws IOException {
        cgroup.create();
        files();
        Files.writeString(dir.resolve("cgroup.events"), "populated 1\nfrozen 1\n");
        assertTrue(cgroup.isFrozen());
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 2\noom_kill 2\n");
        assertEquals(2, cgroup.oomKills());
        assertEquals(3, cgroup.stats().memory().usage().failcnt());
    }
}
