package dev.jrun.linux.rootfs;

import static dev.jrun.linux.rootfs.MountFlags.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountOptionsTest {
    private static MountOptions parse(String... options) {
        return MountOptions.parse(List.of(options));
    }

    @Test
    void flagsSetAndClearInOrder() {
        assertEquals(MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, parse("nosuid", "nodev", "noexec", "ro").flags());
        assertEquals(0, parse("ro", "rw").flags());
        assertEquals(MS_RDONLY, parse("rw", "ro").flags());
        assertEquals(MS_NOSUID, parse("nosuid", "nodev", "dev").flags());
        assertEquals(0, parse("noexec", "exec", "suid", "async", "atime", "diratime", "nomand").flags());
        assertEquals(MS_SYNCHRONOUS | MS_DIRSYNC | MS_REMOUNT | MS_MANDLOCK,
                parse("sync", "dirsync", "remount", "mand").flags());
        assertEquals(MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME,
                parse("noatime", "nodiratime", "relatime", "strictatime").flags());
        assertEquals(0, parse("relatime", "norelatime", "strictatime", "nostrictatime").flags());
    }

    @Test
    void bindAndRbind() {
        assertEquals(MS_BIND, parse("bind").flags());
        assertEquals(MS_BIND | MS_REC, parse("rbind").flags());
        assertTrue(parse("rbind", "ro").isBind());
        assertFalse(parse("ro").isBind());
    }

    @Test
    void propagationIsKeptInOrderAsSeparateCalls() {
        MountOptions o = parse("rprivate", "shared", "rslave", "slave", "rshared", "private", "unbindable",
                "runbindable");
        assertEquals(List.of(MS_PRIVATE | MS_REC, MS_SHARED, MS_SLAVE | MS_REC, MS_SLAVE, MS_SHARED | MS_REC,
                MS_PRIVATE, MS_UNBINDABLE, MS_UNBINDABLE | MS_REC), o.propagation());
        assertEquals(0, o.flags());
        assertEquals("", o.data());
    }

    @Test
    void anythingElseIsDataJoinedWithCommas() {
        assertEquals("mode=755,size=65536k", parse("nosuid", "strictatime", "mode=755", "size=65536k").data());
        MountOptions devpts = parse("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5");
        assertEquals("newinstance,ptmxmode=0666,mode=0620,gid=5", devpts.data());
        assertEquals(MS_NOSUID | MS_NOEXEC, devpts.flags());
    }

    @Test
    void tableEntriesWithoutAFlagFallThroughToDataAsInRunc() {
        assertEquals("defaults", parse("defaults").data());
        assertEquals("", parse("").data());
        assertEquals(List.of(), parse("").propagation());
    }

    @Test
    void recursiveAttributes() {
        MountOptions o = parse("rbind", "rro", "rnosuid", "rdev");
        assertEquals(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID, o.recursiveSet());
        assertEquals(MOUNT_ATTR_NODEV, o.recursiveClear());
        assertTrue(o.hasRecursiveAttributes());
        assertEquals(MS_BIND | MS_REC, o.flags());
        MountOptions atime = parse("rnoatime");
        assertEquals(MOUNT_ATTR_NOATIME, atime.recursiveSet());
        assertEquals(MOUNT_ATTR__ATIME, atime.recursiveClear());
        // relatime is 0: runc still sets MOUNT_ATTR__ATIME in attr_clr, which selects relatime.
        MountOptions rel = parse("rrelatime");
        assertEquals(0, rel.recursiveSet());
        assertEquals(MOUNT_ATTR__ATIME, rel.recursiveClear());
        assertFalse(parse("ro").hasRecursiveAttributes());
    }

    @Test
    void tmpcopyupIsAnExtensionNotData() {
        MountOptions o = parse("tmpcopyup", "mode=1777");
        assertTrue(o.tmpcopyup());
        assertEquals("mode=1777", o.data());
    }

    @Test
    void nullOptionsMeanNone() {
        MountOptions o = MountOptions.parse(null);
        assertEquals(0, o.flags());
        assertEquals("", o.data());
    }

    @Test
    void knownOptionsAreRuncsList() {
        List<String> known = MountOptions.known();
        assertEquals(62, known.size());
        assertTrue(known.containsAll(List.of("acl", "rbind", "rro", "rslave", "tmpcopyup", "nosymfollow", "defaults")));
        assertEquals(known.stream().sorted().toList(), known);
    }
}
