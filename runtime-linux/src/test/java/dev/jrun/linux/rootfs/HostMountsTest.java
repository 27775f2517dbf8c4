package dev.jrun.linux.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostMountsTest {
    static final String TEXT = """
            22 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
            23 22 0:5 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            50 22 0:40 / /mnt/with\\040space rw - tmpfs tmpfs rw
            """;

    @Test
    void parsesFieldsOptionalAndEscapes() {
        HostMounts m = HostMounts.parse(TEXT);
        assertEquals(4, m.entries().size());
        HostMounts.Entry root = m.entries().get(0);
        assertEquals("/", root.mountPoint());
        assertEquals("ext4", root.fsType());
        assertTrue(root.shared());
        HostMounts.Entry memory = m.entries().get(2);
        assertEquals("cgroup", memory.fsType());
        assertEquals("rw,memory", memory.superOptions());
        assertFalse(memory.shared());
        assertEquals("/mnt/with space", m.entries().get(3).mountPoint());
    }

    @Test
    void parentIsTheLongestMountPointAbove() {
        HostMounts m = HostMounts.parse(TEXT);
        assertEquals("/", m.parentOf("/var/lib/bundle/rootfs").mountPoint());
        assertEquals("/proc", m.parentOf("/proc/sys").mountPoint());
    }

    @Test
    void readsThisProcess() {
        assertTrue(HostMounts.current().entries().stream().anyMatch(e -> e.mountPoint().equals("/")));
    }
}
