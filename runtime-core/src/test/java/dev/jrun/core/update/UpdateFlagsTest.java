package dev.jrun.core.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrun.core.spec.LinuxResources;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateFlagsTest {
    private static UpdateFlags none() {
        return new UpdateFlags(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void noFlagsChangeNothing() {
        ResourceUpdate u = none().toUpdate();
        assertEquals(new LinuxResources(null, null, null, null, null, null, null, null, null), u.resources());
        assertEquals(List.of(), u.warnings());
    }

    @Test
    void memoryFlagsTakeGoUnitsSizes() {
        UpdateFlags f = new UpdateFlags(null, null, null, null, null, null, null, null, null, null, "100m", "1.5k",
                "-1", null);
        LinuxResources.Memory m = f.toUpdate().resources().memory();
        assertEquals(100L << 20, m.limit());
        assertEquals(1536L, m.reservation());
        assertEquals(-1L, m.swap());
        assertNull(f.toUpdate().resources().cpu());
    }

    @Test
    void everyFlagLandsInItsField() {
        UpdateFlags f = new UpdateFlags(500, "100000", "-1", "512", "1000000", "950000", "0-1", "0", null, null,
                "64MiB", null, null, 20);
        LinuxResources r = f.toUpdate().resources();
        assertEquals(new LinuxResources.Cpu(512L, -1L, null, 100000L, 950000L, 1000000L, "0-1", "0", null), r.cpu());
        assertEquals(500, r.blockIO().weight());
        assertEquals(20L, r.pids().limit());
        assertEquals(64L << 20, r.memory().limit());
    }

    @Test
    void zeroMeansUnchangedAsRuncsManagersSkipIt() {
        UpdateFlags f = new UpdateFlags(0, "0", "0", "0", null, null, "", "", null, null, "0", null, null, 0);
        assertEquals(new LinuxResources(null, null, null, null, null, null, null, null, null),
                f.toUpdate().resources());
    }

    @Test
    void kernelMemoryIsWarnedAboutAndNotApplied() {
        UpdateFlags f = new UpdateFlags(null, null, null, null, null, null, null, null, "10m", null, null, null, null,
                null);
        ResourceUpdate u = f.toUpdate();
        assertEquals(List.of(ResourceUpdate.KERNEL_MEMORY_WARNING), u.warnings());
        assertNull(u.resources().memory());
    }

    @Test
    void badValuesGetRuncsText() {
        assertEquals("invalid value for memory: invalid size: '1q'", assertThrows(IllegalArgumentException.class,
                () -> new UpdateFlags(null, null, null, null, null, null, null, null, null, null, "1q", null, null,
                        null).toUpdate()).getMessage());
        assertEquals("invalid value for cpu-period: strconv.ParseUint: parsing \"-5\": invalid syntax",
                assertThrows(IllegalArgumentException.class, () -> new UpdateFlags(null, "-5", null, null, null, null,
                        null, null, null, null, null, null, null, null).toUpdate()).getMessage());
        assertEquals("invalid value for cpu-quota: strconv.ParseInt: parsing \"x\": invalid syntax",
                assertThrows(IllegalArgumentException.class, () -> new UpdateFlags(null, null, "x", null, null, null,
                        null, null, null, null, null, null, null, null).toUpdate()).getMessage());
        assertEquals("invalid value for cpu-share: strconv.ParseUint: parsing \"18446744073709551616\": value out of"
                + " range", assertThrows(IllegalArgumentException.class, () -> new UpdateFlags(null, null, null,
                        "18446744073709551616", null, null, null, null, null, null, null, null, null, null)
                        .toUpdate()).getMessage());
    }

    @Test
    void uint64FlagsKeepTheirHighBit() {
        UpdateFlags f = new UpdateFlags(null, null, null, "18446744073709551615", null, null, null, null, null, null,
                null, null, null, null);
        assertEquals(-1L, f.toUpdate().resources().cpu().shares());
    }
}
