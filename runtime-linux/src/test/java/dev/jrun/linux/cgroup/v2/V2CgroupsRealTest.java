package dev.jrun.linux.cgroup.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The v2 manager for real on this host's unified hierarchy (a hybrid host: cgroup2 at /sys/fs/cgroup/unified, no
 * controllers there, but processes, freezing, cgroup.kill and cpu.stat all work).
 */
class V2CgroupsRealTest {
    private static final Path UNIFIED = Path.of("/sys/fs/cgroup/unified");

    private final List<Process> started = new ArrayList<>();
    private Path dir;
    private V2Cgroups cgroup;

    @BeforeEach
    void cgroup() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.exists(UNIFIED.resolve("cgroup.procs")), "needs a cgroup2 mount at " + UNIFIED);
        dir = UNIFIED.resolve("jrun-test-" + UUID.randomUUID().toString().substring(0, 8));
        cgroup = new V2Cgroups(UNIFIED, dir, List.of());
        cgroup.create();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (cgroup == null) {
            return;
        }
        if (cgroup.isFrozen()) {
            cgroup.thaw();
        }
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        cgroup.destroy();
    }

    private Process busyLoop() throws IOException {
        Process p = new ProcessBuilder("/bin/sh", "-c", "while :; do :; done").start();
        started.add(p);
        return p;
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
    }

    @Test
    void aProcessMovedInIsListedAndShowsTheCgroup() throws Exception {
        Process p = busyLoop();
        cgroup.addProcess((int) p.pid());
        assertEquals(List.of((int) p.pid()), cgroup.pids());
        String cgroupLine = Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "cgroup")).stream()
                .filter(l -> l.startsWith("0::")).findFirst().orElseThrow();
        assertEquals("0::/" + dir.getFileName(), cgroupLine);
    }

    @Test
    void freezeStopsABusyLoopAndThawRestartsIt() throws Exception {
        Process p = busyLoop();
        cgroup.addProcess((int) p.pid());
        cgroup.freeze();
        assertTrue(cgroup.isFrozen());
        long before = cpuTicks(p.pid());
        Thread.sleep(300);
        assertEquals(before, cpuTicks(p.pid()), "a frozen process gets no CPU");
        cgroup.thaw();
        assertFalse(cgroup.isFrozen());
        Thread.sleep(300);
        assertTrue(cpuTicks(p.pid()) > before, "a thawed busy loop runs again");
    }

    @Test
    void signalAllKillsEveryProcessThroughCgroupKill() throws Exception {
        Process a = busyLoop();
        Process b = busyLoop();
        cgroup.addProcess((int) a.pid());
        cgroup.addProcess((int) b.pid());
        cgroup.signalAll(9);
        assertTrue(a.waitFor(10, TimeUnit.SECONDS) && b.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, a.exitValue());
        assertEquals(137, b.exitValue());
    }

    @Test
    void statsReadCpuUsageThatGrowsUnderLoad() throws Exception {
        Process p = busyLoop();
        cgroup.addProcess((int) p.pid());
        Thread.sleep(200);
        long first = cgroup.stats().cpu().usage().total();
        Thread.sleep(300);
        long second = cgroup.stats().cpu().usage().total();
        assertTrue(first > 0 && second > first, first + " then " + second);
    }

    @Test
    void destroyRemovesTheDirectory() throws Exception {
        cgroup.destroy();
        assertFalse(Files.exists(dir));
        cgroup = null;
    }
}
