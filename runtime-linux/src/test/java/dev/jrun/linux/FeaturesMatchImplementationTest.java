package dev.jrun.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrun.core.features.Implemented;
import dev.jrun.linux.process.CapabilityBits;
import dev.jrun.linux.rootfs.MountOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `jrun features` (runtime-core, pure) lists exactly what the kernel-side code implements. */
class FeaturesMatchImplementationTest {
    @Test
    void mountOptionsAreTheOptionTableLessTheRefusedTmpcopyup() {
        List<String> implemented = new ArrayList<>(MountOptions.known());
        implemented.remove("tmpcopyup");
        assertEquals(implemented, Implemented.MOUNT_OPTIONS);
    }

    @Test
    void capabilitiesAreTheBitTable() {
        assertEquals(CapabilityBits.names(), Implemented.CAPABILITIES);
    }
}
