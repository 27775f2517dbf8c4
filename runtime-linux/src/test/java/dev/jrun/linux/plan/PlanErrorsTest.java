package dev.jrun.linux.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlanErrorsTest {

    @Test
    void messageNamesTheOpTheErrnoAndItsText() {
        assertEquals("pivot_root into rootfs: EINVAL (invalid argument)",
                PlanErrors.message(new Outcome.Failed(12, 22, "pivot_root into rootfs")));
        assertEquals("remove old root: ENOTEMPTY (directory not empty)",
                PlanErrors.message(new Outcome.Failed(0, 39, "remove old root")));
        assertEquals("bind mount /dev/fuse: EOPNOTSUPP (operation not supported)",
                PlanErrors.message(new Outcome.Failed(3, 95, "bind mount /dev/fuse")));
    }

    @Test
    void unknownErrnoIsShownAsANumber() {
        assertEquals("set up thing: errno 300", PlanErrors.message(new Outcome.Failed(1, 300, "set up thing")));
        assertEquals("errno 0", PlanErrors.errno(0));
        assertEquals("errno 41", PlanErrors.errno(41), "41 is unused on Linux");
    }

    @Test
    void tableMatchesLinuxNumbers() {
        assertEquals(1, Errno.EPERM.code());
        assertEquals(2, Errno.ENOENT.code());
        assertEquals(13, Errno.EACCES.code());
        assertEquals(36, Errno.ENAMETOOLONG.code());
        assertEquals(38, Errno.ENOSYS.code());
        assertEquals(40, Errno.ELOOP.code());
        assertEquals(-17, Errno.EEXIST.negative());
        Set<Integer> codes = Arrays.stream(Errno.values()).map(Errno::code).collect(Collectors.toSet());
        assertEquals(Errno.values().length, codes.size(), "no errno listed twice");
        for (Errno e : Errno.values()) {
            assertEquals(e, Errno.of(e.code()).orElseThrow());
        }
    }
}
