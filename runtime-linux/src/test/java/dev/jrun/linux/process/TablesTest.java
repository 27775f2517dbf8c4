package dev.jrun.linux.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TablesTest {
    @Test
    void capabilityBitsFollowTheKernelNumbering() {
        assertEquals(OptionalInt.of(0), CapabilityBits.bit("CAP_CHOWN"));
        assertEquals(OptionalInt.of(8), CapabilityBits.bit("CAP_SETPCAP"));
        assertEquals(OptionalInt.of(21), CapabilityBits.bit("CAP_SYS_ADMIN"));
        assertEquals(OptionalInt.of(24), CapabilityBits.bit("CAP_SYS_RESOURCE"));
        assertEquals(OptionalInt.of(31), CapabilityBits.bit("CAP_SETFCAP"));
        assertEquals(OptionalInt.of(37), CapabilityBits.bit("CAP_AUDIT_READ"));
        assertEquals(OptionalInt.of(40), CapabilityBits.bit("CAP_CHECKPOINT_RESTORE"));
        assertEquals(40, CapabilityBits.LAST_KNOWN);
        assertEquals(41, CapabilityBits.names().size());
        // runc looks names up verbatim.
        assertEquals(OptionalInt.empty(), CapabilityBits.bit("cap_chown"));
        assertEquals(OptionalInt.empty(), CapabilityBits.bit("CHOWN"));
        assertEquals("CAP_KILL", CapabilityBits.name(5));
        assertEquals("CAP_41", CapabilityBits.name(41));
    }

    @Test
    void maskLeavesOutWhatTheKernelLacks() {
        List<String> caps = List.of("CAP_CHOWN", "CAP_KILL", "CAP_BPF", "CAP_CHECKPOINT_RESTORE", "CAP_NOPE");
        assertEquals((1L << 0) | (1L << 5) | (1L << 39) | (1L << 40), CapabilityBits.mask(caps, 40));
        assertEquals((1L << 0) | (1L << 5), CapabilityBits.mask(caps, 37));
        assertEquals(0, CapabilityBits.mask(null, 40));
        assertEquals(List.of("CAP_CHOWN", "CAP_KILL"), CapabilityBits.namesOf(0x21));
    }

    @Test
    void hostLastCapIsReadWhole() {
        assertEquals(40, CapabilityBits.parseLastCap("40\n"));
        // On this kernel (5.10+) it is 40; a misread would give "4".
        assertTrue(CapabilityBits.hostLastCap() >= 37, "cap_last_cap " + CapabilityBits.hostLastCap());
    }

    @Test
    void rlimitNumbers() {
        assertEquals(OptionalInt.of(0), RlimitResources.resource("RLIMIT_CPU"));
        assertEquals(OptionalInt.of(4), RlimitResources.resource("RLIMIT_CORE"));
        assertEquals(OptionalInt.of(6), RlimitResources.resource("RLIMIT_NPROC"));
        assertEquals(OptionalInt.of(7), RlimitResources.resource("RLIMIT_NOFILE"));
        assertEquals(OptionalInt.of(9), RlimitResources.resource("RLIMIT_AS"));
        assertEquals(OptionalInt.of(15), RlimitResources.resource("RLIMIT_RTTIME"));
        assertEquals(OptionalInt.empty(), RlimitResources.resource("RLIMIT_FOO"));
        assertEquals(16, RlimitResources.names().size());
        assertEquals("RLIMIT_NOFILE", RlimitResources.name(7));
    }
}
