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

    /** The listed names are the kernel's, at the kernel's bit numbers (this machine's linux/capability.h). */
    @Test
    void capabilitiesAreTheBitTable() throws java.io.IOException {
        java.nio.file.Path header = java.nio.file.Path.of("/usr/include/linux/capability.h");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(header), "no " + header);
        java.util.Map<Integer, String> kernel = new java.util.TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^#define (CAP_[A-Z_]+)\\s+(\\d+)\\s*$")
                .matcher(java.nio.file.Files.readString(header));
        while (m.find()) {
            int bit = Integer.parseInt(m.group(2));
            if (bit <= CapabilityBits.LAST_KNOWN) {
                kernel.put(bit, m.group(1));
            }
        }
        assertEquals(java.util.List.copyOf(kernel.values()), Implemented.CAPABILITIES);
        assertEquals(Implemented.CAPABILITIES, CapabilityBits.names());
    }
}
