package dev.jrun.linux.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerPathTest {
    @Test
    void cleansLikeGoFilepathCleanInsideARoot() {
        assertEquals("/", ContainerPath.clean("/"));
        assertEquals("/", ContainerPath.clean(""));
        assertEquals("/a/b", ContainerPath.clean("/a//b/"));
        assertEquals("/a/b", ContainerPath.clean("/a/./b/."));
        assertEquals("/b", ContainerPath.clean("/a/../b"));
        assertEquals("/etc", ContainerPath.clean("/../../../etc"));
        assertEquals("/", ContainerPath.clean("/a/../.."));
        assertEquals("/dev/pts", ContainerPath.clean("dev/pts"));
        assertEquals("/x/...", ContainerPath.clean("/x/..."));
    }

    @Test
    void componentsAndRelative() {
        assertEquals(List.of("a", "b"), ContainerPath.components("/a/b/"));
        assertEquals(List.of(), ContainerPath.components("/.."));
        assertEquals("a/b", ContainerPath.relative("/a/b"));
        assertEquals(".", ContainerPath.relative("/"));
    }

    @Test
    void within() {
        assertTrue(ContainerPath.isWithin("/proc/sys", "/proc"));
        assertTrue(ContainerPath.isWithin("/proc", "/proc/"));
        assertTrue(ContainerPath.isWithin("/anything", "/"));
        assertFalse(ContainerPath.isWithin("/procfs", "/proc"));
        assertFalse(ContainerPath.isWithin("/", "/proc"));
    }
}
