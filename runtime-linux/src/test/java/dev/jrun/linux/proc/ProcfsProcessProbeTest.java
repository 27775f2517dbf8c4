package dev.jrun.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.state.ProcessInfo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcfsProcessProbeTest {
    private final ProcfsProcessProbe probe = new ProcfsProcessProbe();

    @TempDir
    Path tmp;

    @Test
    void seesTheCurrentProcess() {
        int self = (int) ProcessHandle.current().pid();
        ProcessInfo info = probe.probe(self).orElseThrow();
        assertTrue("RS".indexOf(info.state()) >= 0, "state " + info.state());
        assertTrue(info.startTime() > 0);
        assertEquals(info.startTime(), ProcfsProcessProbe.startTimeOf(self));
    }

    @Test
    void seesAChildUntilItIsReaped() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        int pid = (int) sleep.pid();
        try {
            ProcessInfo info = probe.probe(pid).orElseThrow();
            assertTrue(!info.hasExited(), "state " + info.state());
            long self = ProcfsProcessProbe.startTimeOf((int) ProcessHandle.current().pid());
            assertTrue(info.startTime() >= self);
        } finally {
            sleep.destroy();
            sleep.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(Optional.empty(), probe.probe(pid));
        assertEquals(0L, ProcfsProcessProbe.startTimeOf(pid));
    }

    @Test
    void seesAnUnreapedChildAsZombie() throws Exception {
        // sh does not reap its background job until it waits, so "sleep 0" stays a zombie while sh sleeps.
        Process sh = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 5").start();
        try {
            int zombie = Integer.parseInt(new BufferedReader(new InputStreamReader(sh.getInputStream())).readLine());
            char state = ' ';
            for (int i = 0; i < 100 && state != 'Z'; i++) {
                state = probe.probe(zombie).orElseThrow().state();
                Thread.sleep(20);
            }
            assertEquals('Z', state);
            assertTrue(probe.probe(zombie).orElseThrow().hasExited());
        } finally {
            sh.destroy();
            sh.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void parsesACommandNameContainingParenthesesAndSpaces() throws Exception {
        Path odd = tmp.resolve("a) (b");
        Files.copy(Path.of("/bin/sleep"), odd);
        odd.toFile().setExecutable(true);
        Process p = new ProcessBuilder(odd.toString(), "30").start();
        try {
            ProcessInfo info = null;
            for (int i = 0; i < 100; i++) {
                info = probe.probe((int) p.pid()).orElseThrow();
                String stat = new String(Files.newInputStream(Path.of("/proc", Long.toString(p.pid()), "stat"))
                        .readAllBytes());
                if (stat.contains("(a) (b)")) {
                    break;
                }
                Thread.sleep(20); // between fork and exec, comm is still java's
            }
            assertTrue(new String(Files.newInputStream(Path.of("/proc", Long.toString(p.pid()), "comm"))
                    .readAllBytes()).startsWith("a) (b"));
            assertTrue(!info.hasExited(), "state " + info.state());
            // A parser fooled by the parentheses would read the wrong fields (or fail on a non-letter state).
            assertTrue("RS".indexOf(info.state()) >= 0, "state " + info.state());
            assertTrue(info.startTime() >= ProcfsProcessProbe.startTimeOf((int) ProcessHandle.current().pid()));
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void parsesStatLinesByTheLastParenthesis() {
        String stat = "4242 (x) 1 (y) Z) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10 "
                + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";
        assertEquals(new ProcessInfo('S', 987654), ProcfsProcessProbe.parseStat(stat));
    }

    @Test
    void absentPidsAreEmpty() {
        assertEquals(Optional.empty(), probe.probe(0));
        assertEquals(Optional.empty(), probe.probe(-5));
        assertEquals(Optional.empty(), probe.probe(Integer.MAX_VALUE));
    }
}
