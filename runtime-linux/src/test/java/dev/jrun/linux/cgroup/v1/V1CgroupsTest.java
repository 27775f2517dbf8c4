package dev.jrun.linux.cgroup.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.spec.LinuxResources;
import dev.jrun.core.spec.LinuxResources.DeviceRule;
import dev.jrun.linux.cgroup.CgroupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v1 manager against a fake cgroupfs (a temp tree whose interface files exist): what is written, and where. */
class V1CgroupsTest {
    @TempDir
    Path root;

    private Path hierarchy(String name, String... files) throws IOException {
        Path dir = root.resolve(name).resolve("c");
        Files.createDirectories(dir);
        for (String f : files) {
            Files.writeString(dir.resolve(f), "");
        }
        return dir;
    }

    private static LinuxResources memory(Long limit, Long swap) {
        return new LinuxResources(null, new LinuxResources.Memory(limit, null, swap, null, null, null, null, null,
                null), null, null, null, null, null, null, null);
    }

    @Test
    void swapGrowingPastTheCurrentLimitIsWrittenBeforeTheLimitAndTheOtherWayRound() throws IOException {
        Path mem = hierarchy("memory", "memory.limit_in_bytes", "memory.memsw.limit_in_bytes");
        V1Cgroups m = new V1Cgroups(Map.of("memory", mem), List.of());
        Files.writeString(mem.resolve("memory.limit_in_bytes"), "1000");
        m.apply(memory(2000L, 3000L));
        assertEquals("2000", Files.readString(mem.resolve("memory.limit_in_bytes")));
        assertEquals("3000", Files.readString(mem.resolve("memory.memsw.limit_in_bytes")));
        // -1 swap: unlimited first, then the limit
        m.apply(memory(500L, -1L));
        assertEquals("500", Files.readString(mem.resolve("memory.limit_in_bytes")));
        assertEquals("-1", Files.readString(mem.resolve("memory.memsw.limit_in_bytes")));
    }

    @Test
    void deviceRulesBecomeKernelLinesInListedOrder() throws IOException {
        Path dev = hierarchy("devices", "devices.allow", "devices.deny");
        assertEquals("a", V1Resources.line(new DeviceRule(false, null, null, null, "rwm")));
        assertEquals("c 1:3 rwm", V1Resources.line(new DeviceRule(true, "c", 1L, 3L, null)));
        assertEquals("b *:* m", V1Resources.line(new DeviceRule(true, "b", null, null, "m")));
        assertEquals("c 136:* rw", V1Resources.line(new DeviceRule(true, "c", 136L, null, "rw")));
        V1Cgroups m = new V1Cgroups(Map.of("devices", dev), List.of());
        m.apply(new LinuxResources(List.of(new DeviceRule(false, "a", null, null, "rwm"),
                new DeviceRule(true, "c", 4L, 7L, "rw")), null, null, null, null, null, null, null, null));
        // each write truncates: the last rule of each kind is in its file
        assertEquals("a", Files.readString(dev.resolve("devices.deny")));
        assertEquals("c 4:7 rw", Files.readString(dev.resolve("devices.allow")));
    }

    @Test
    void aSettingWhoseControllerIsNotMountedIsAnErrorNamingIt() throws IOException {
        Path mem = hierarchy("memory", "memory.limit_in_bytes");
        V1Cgroups m = new V1Cgroups(Map.of("memory", mem), List.of());
        CgroupException e = assertThrows(CgroupException.class, () -> m.apply(new LinuxResources(null, null, null,
                null, null, List.of(new LinuxResources.HugepageLimit("2MB", 1L)), null, null, null)));
        assertTrue(e.getMessage().startsWith("linux.resources.hugepageLimits[0]: the hugetlb cgroup controller is not"
                + " mounted"), e.getMessage());
        CgroupException swap = assertThrows(CgroupException.class, () -> m.apply(memory(null, 5000L)));
        assertTrue(swap.getMessage().startsWith("linux.resources.memory.swap: " + mem.resolve(
                "memory.memsw.limit_in_bytes") + " does not exist"), swap.getMessage());
        CgroupException unified = assertThrows(CgroupException.class, () -> m.apply(new LinuxResources(null, null,
                null, null, null, null, null, null, Map.of("memory.high", "1"))));
        assertTrue(unified.getMessage().startsWith("linux.resources.unified: "), unified.getMessage());
    }

    @Test
    void pidsZeroIsUnsetAndNegativeIsMax() throws IOException {
        Path pids = hierarchy("pids", "pids.max");
        V1Cgroups m = new V1Cgroups(Map.of("pids", pids), List.of());
        m.apply(new LinuxResources(null, null, null, new LinuxResources.Pids(0L), null, null, null, null, null));
        assertEquals("", Files.readString(pids.resolve("pids.max")));
        m.apply(new LinuxResources(null, null, null, new LinuxResources.Pids(-1L), null, null, null, null, null));
        assertEquals("max", Files.readString(pids.resolve("pids.max")));
        m.apply(new LinuxResources(null, null, null, new LinuxResources.Pids(7L), null, null, null, null, null));
        assertEquals("7", Files.readString(pids.resolve("pids.max")));
    }

    @Test
    void createRecordsOnlyWhatItMadeAndDestroyRemovesOnlyThat() throws IOException {
        Path existing = root.resolve("pids").resolve("parent");
        Files.createDirectories(existing);
        Path dir = existing.resolve("a").resolve("b");
        V1Cgroups m = new V1Cgroups(Map.of("pids", dir), List.of());
        m.create();
        assertEquals(List.of(existing.resolve("a").toString(), dir.toString()), m.record().created());
        assertEquals("v1", m.record().version());
        m.destroy();
        assertFalse(Files.exists(existing.resolve("a")));
        assertTrue(Files.isDirectory(existing), "it existed before");
    }

    @Test
    void cpuListsExpand() {
        assertEquals(List.of(0, 1, 2, 5), dev.jrun.linux.cgroup.CgroupFiles.cpuList("0-2,5"));
        assertEquals(List.of(), dev.jrun.linux.cgroup.CgroupFiles.cpuList(""));
    }
}
