package dev.jrun.linux.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Host layouts from mountinfo text, and runc's cgroupfs meaning of cgroupsPath on each. */
class CgroupPathsTest {
    /** This project's machines: v1 controllers, name=systemd, and cgroup2 at /sys/fs/cgroup/unified. */
    private static final String HYBRID_MOUNTS = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            36 31 0:33 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            37 31 0:34 / /sys/fs/cgroup/net_cls,net_prio rw,relatime - cgroup cgroup rw,net_cls,net_prio
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;
    private static final String HYBRID_OWN = """
            9:name=systemd:/
            8:pids:/
            7:net_cls,net_prio:/
            4:memory:/process_api/abc
            1:cpu:/
            0::/
            """;
    private static final String UNIFIED_MOUNTS = """
            25 20 0:22 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw,nsdelegate
            """;

    @Test
    void aHybridHostIsV1WithTheUnifiedHierarchyAndCombinedControllersUnderOneKey() {
        CgroupHost host = CgroupHost.parse(HYBRID_MOUNTS, HYBRID_OWN);
        assertFalse(host.unified());
        assertEquals(List.of("cpu", "memory", "pids", "net_cls,net_prio", "name=systemd", ""),
                List.copyOf(host.hierarchies().keySet()));
        assertEquals("/process_api/abc", host.hierarchies().get("memory").own());
    }

    @Test
    void emptyAndRelativePathsGoUnderJrunsOwnV1Cgroup() {
        CgroupHost host = CgroupHost.parse(HYBRID_MOUNTS, HYBRID_OWN);
        Map<String, Path> dirs = CgroupPaths.resolve(host, "", "c1");
        assertEquals(Path.of("/sys/fs/cgroup/memory/process_api/abc/c1"), dirs.get("memory"));
        assertEquals(Path.of("/sys/fs/cgroup/cpu/c1"), dirs.get("cpu"));
        assertEquals(Path.of("/sys/fs/cgroup/unified/c1"), dirs.get(""));
        assertEquals(Path.of("/sys/fs/cgroup/systemd/c1"), dirs.get("name=systemd"));
        assertEquals(Path.of("/sys/fs/cgroup/memory/process_api/abc/a/b"),
                CgroupPaths.resolve(host, "a/b", "c1").get("memory"));
    }

    @Test
    void anAbsolutePathIsTheSameInEveryHierarchyAndDotDotCannotClimbOut() {
        CgroupHost host = CgroupHost.parse(HYBRID_MOUNTS, HYBRID_OWN);
        assertEquals(Path.of("/sys/fs/cgroup/memory/jrun/c1"), CgroupPaths.resolve(host, "/jrun/c1", "x").get("memory"));
        assertEquals(Path.of("/sys/fs/cgroup/pids/c1"), CgroupPaths.resolve(host, "/../../c1", "x").get("pids"));
        assertEquals(Path.of("/sys/fs/cgroup/memory/process_api/abc/c1"),
                CgroupPaths.resolve(host, "../../c1", "x").get("memory"));
    }

    @Test
    void onAUnifiedHostARelativePathGoesUnderTheParentOfJrunsOwnCgroup() {
        CgroupHost host = CgroupHost.parse(UNIFIED_MOUNTS, "0::/user.slice/session-1.scope\n");
        assertTrue(host.unified());
        assertEquals(Map.of("", Path.of("/sys/fs/cgroup/user.slice/c1")), CgroupPaths.resolve(host, null, "c1"));
        assertEquals(Map.of("", Path.of("/sys/fs/cgroup/machine/c1")), CgroupPaths.resolve(host, "/machine/c1", "x"));
    }

    @Test
    void theSystemdFormIsRefusedWithWhatToDo() {
        CgroupHost host = CgroupHost.parse(UNIFIED_MOUNTS, "0::/\n");
        CgroupException e = assertThrows(CgroupException.class,
                () -> CgroupPaths.resolve(host, "machine.slice:libpod:abc", "abc"));
        assertTrue(e.getMessage().startsWith("linux.cgroupsPath \"machine.slice:libpod:abc\" is in the systemd"),
                e.getMessage());
    }
}
