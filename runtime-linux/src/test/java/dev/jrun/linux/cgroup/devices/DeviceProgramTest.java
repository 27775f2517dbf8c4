package dev.jrun.linux.cgroup.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrun.core.spec.LinuxResources.DeviceRule;
import dev.jrun.fixtures.RootOnly;
import dev.jrun.linux.cgroup.CgroupException;
import dev.jrun.linux.kernel.Kernel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program on a real cgroup v2 directory of our own, with shells moved into it. On this hybrid host the shells'
 * v1 devices cgroup allows everything, so what they are refused is the program's doing.
 */
class DeviceProgramTest {
    private static final Path UNIFIED = Path.of("/sys/fs/cgroup/unified");
    private static final List<DeviceRule> ONLY_ZERO = List.of(
            new DeviceRule(false, "a", null, null, "rwm"), new DeviceRule(true, "c", 1L, 5L, "rwm"));
    private static final List<DeviceRule> ALL = List.of(new DeviceRule(true, "a", null, null, null));

    private Path cgroup;

    @TempDir
    Path tmp;

    @BeforeEach
    void createCgroup() throws IOException {
        assumeTrue(RootOnly.isRoot(), RootOnly.skipReason());
        assumeTrue(Files.exists(UNIFIED.resolve("cgroup.procs")), "no cgroup2 at " + UNIFIED);
        cgroup = Files.createDirectory(UNIFIED.resolve("jrun-test-" + UUID.randomUUID()));
    }

    @AfterEach
    void removeCgroup() throws IOException {
        // Every shell has exited and been reaped by then (run waits for it, or destroys it), so the cgroup is empty.
        if (cgroup != null) {
            Files.deleteIfExists(cgroup);
        }
    }

    @Test
    void onlyTheAllowedDeviceOpensAndReplacementOpensTheRest() throws Exception {
        DeviceProgram.install(cgroup, ONLY_ZERO);
        int[] first = attached();
        assertEquals(1, first.length);

        Result denied = inCgroup(": < /dev/null && echo opened");
        assertTrue(denied.err.contains("Operation not permitted"), denied.toString());
        assertNotEquals(0, denied.status, denied.toString());
        Result zero = inCgroup("head -c 3 /dev/zero | wc -c");
        assertEquals("3", zero.out.strip(), zero.toString());

        DeviceProgram.install(cgroup, ALL);
        int[] second = attached();
        assertEquals(1, second.length, "the old program is detached");
        assertNotEquals(first[0], second[0]);
        Result opened = inCgroup(": < /dev/null && echo opened");
        assertEquals("opened", opened.out.strip(), opened.toString());

        DeviceProgram.install(cgroup, ONLY_ZERO);
        assertEquals(1, attached().length);
        assertTrue(inCgroup(": < /dev/null").err.contains("Operation not permitted"), "denied again after a second update");
    }

    @Test
    void severalOldProgramsAreAllDetached() throws Exception {
        DeviceProgram.install(cgroup, ONLY_ZERO);
        int fd = Bpf.openDirectory(cgroup.toString());
        try {
            int extra = Bpf.loadDeviceProgram(DeviceFilter.compile(DeviceRuleset.of(ALL)), DeviceProgram.LICENSE);
            try {
                Bpf.attach(fd, extra);
            } finally {
                Kernel.close(extra);
            }
        } finally {
            Kernel.close(fd);
        }
        assertEquals(2, attached().length);
        DeviceProgram.install(cgroup, ALL);
        assertEquals(1, attached().length);
        Result opened = inCgroup(": < /dev/null && echo opened");
        assertEquals("opened", opened.out.strip(), opened.toString());
    }

    @Test
    void mknodOfADeniedDeviceIsRefused() throws Exception {
        DeviceProgram.install(cgroup, ONLY_ZERO);
        Result denied = inCgroup("mknod " + tmp.resolve("null") + " c 1 3");
        assertTrue(denied.err.contains("Operation not permitted"), denied.toString());
        assertTrue(Files.notExists(tmp.resolve("null")));
        Result allowed = inCgroup("mknod " + tmp.resolve("zero") + " c 1 5 && echo made");
        assertEquals("made", allowed.out.strip(), allowed.toString());
    }

    @Test
    void readOnlyGrantRefusesWrites() throws Exception {
        DeviceProgram.install(cgroup, List.of(new DeviceRule(true, "c", 1L, 3L, "r")));
        assertEquals(0, inCgroup(": < /dev/null").status);
        assertTrue(inCgroup(": > /dev/null").err.contains("Operation not permitted"));
    }

    @Test
    void aRejectedProgramReportsTheVerifierLog() {
        long[] noExit = {Insn.mov32(0, 1)};
        Bpf.Failure e = assertThrows(Bpf.Failure.class, () -> Bpf.loadDeviceProgram(noExit, DeviceProgram.LICENSE));
        assertTrue(e.getMessage().contains("BPF_PROG_LOAD") && e.getMessage().contains("verifier log"), e.getMessage());
    }

    @Test
    void aMissingCgroupIsNamedInTheError() {
        Path missing = cgroup.resolve("absent");
        CgroupException e = assertThrows(CgroupException.class, () -> DeviceProgram.install(missing, ALL));
        assertTrue(e.getMessage().startsWith("linux.resources.devices"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("ENOENT"), e.getMessage());
    }

    private int[] attached() {
        int fd = Bpf.openDirectory(cgroup.toString());
        try {
            return Bpf.query(fd);
        } finally {
            Kernel.close(fd);
        }
    }

    private record Result(int status, String out, String err) {}

    /** Runs {@code script} in a shell that first moves itself into the cgroup (the echo ends before any open). */
    private Result inCgroup(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c",
                "echo $$ > " + cgroup.resolve("cgroup.procs") + " || exit 99\n" + script).start();
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the shell did not finish");
            Result r = new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
            assertNotEquals(99, r.status, "could not join the cgroup: " + r);
            return r;
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    @Test
    void programBytesAreTheEncodedInstructions() {
        // The kernel reads struct bpf_insn {u8 code; u8 dst:4, src:4; s16 off; s32 imm} little-endian.
        long insn = Insn.encode(0x5e, 1, 3, -2, 0x12345678);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(insn);
        assertArrayEquals(new byte[] {0x5e, 0x31, (byte) 0xfe, (byte) 0xff, 0x78, 0x56, 0x34, 0x12}, b.array());
    }
}
