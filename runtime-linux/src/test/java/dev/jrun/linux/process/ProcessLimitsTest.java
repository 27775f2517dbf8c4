package dev.jrun.linux.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.Process;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.fixtures.RootOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ProcessLimits on a throwaway {@code sleep} of our own, read back through /proc. */
class ProcessLimitsTest {
    private java.lang.Process sleeper;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(RootOnly.isRoot(), RootOnly.skipReason());
        sleeper = new ProcessBuilder("sleep", "30").start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (sleeper != null) {
            sleeper.destroyForcibly();
            sleeper.waitFor();
        }
    }

    private static Process process(String json) {
        return SpecJson.parse("{\"ociVersion\": \"1.2.1\", \"process\": " + json + "}", "test config").process();
    }

    private String limitsLine(String name) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(sleeper.pid()), "limits")).stream()
                .filter(l -> l.startsWith(name)).findFirst().orElseThrow().replaceAll("\\s+", " ").trim();
    }

    @Test
    void rlimitsAndOomScoreAdjReachTheProcess() throws IOException {
        ProcessLimits.apply((int) sleeper.pid(), process("""
                {"args": ["sleep"], "cwd": "/", "oomScoreAdj": 321,
                 "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 512, "hard": 1000},
                             {"type": "RLIMIT_CORE", "soft": 0, "hard": 18446744073709551615},
                             {"type": "RLIMIT_NPROC", "soft": 77, "hard": 88}]}
                """));
        assertEquals("Max open files 512 1000 files", limitsLine("Max open files"));
        assertEquals("Max core file size 0 unlimited bytes", limitsLine("Max core file size"));
        assertEquals("Max processes 77 88 processes", limitsLine("Max processes"));
        assertEquals("321", Files.readString(Path.of("/proc", Long.toString(sleeper.pid()), "oom_score_adj")).trim());
    }

    @Test
    void aRefusedRlimitIsNamedWithTheKernelsError() {
        // soft above hard: the kernel says EINVAL whatever our capabilities.
        JrunException e = assertThrows(JrunException.class, () -> ProcessLimits.apply((int) sleeper.pid(), process("""
                {"args": ["sleep"], "cwd": "/", "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 2048, "hard": 1024}]}
                """)));
        assertEquals("setrlimit RLIMIT_NOFILE to 2048/1024: EINVAL (invalid argument)", e.getMessage());
    }

    @Test
    void raisingTheHardLimitWithoutCapSysResourceIsEperm() throws IOException {
        String status = Files.readString(Path.of("/proc/self/status"));
        String capEff = status.lines().filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow().split("\\s+")[1];
        assumeTrue((Long.parseUnsignedLong(capEff, 16) & (1L << 24)) == 0, "this host has CAP_SYS_RESOURCE");
        String hard = limitsLine("Max open files").split(" ")[4];
        assumeTrue(!hard.equals("unlimited"));
        long above = Long.parseLong(hard) + 1;
        JrunException e = assertThrows(JrunException.class, () -> ProcessLimits.apply((int) sleeper.pid(), process(
                "{\"args\": [\"sleep\"], \"cwd\": \"/\", \"rlimits\": [{\"type\": \"RLIMIT_NOFILE\", \"soft\": " + above
                        + ", \"hard\": " + above + "}]}")));
        assertEquals("setrlimit RLIMIT_NOFILE to " + above + "/" + above + ": EPERM (operation not permitted)",
                e.getMessage());
        assertTrue(limitsLine("Max open files").contains(hard));
    }
}
