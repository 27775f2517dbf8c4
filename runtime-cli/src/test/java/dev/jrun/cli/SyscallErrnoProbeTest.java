package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe run on the host, without any filter: its exit status is the errno the kernel itself returns. */
class SyscallErrnoProbeTest {
    @TempDir
    Path tmp;

    private static int run(Path probe) throws Exception {
        Process p = new ProcessBuilder(probe.toString()).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(probe + " did not exit");
        }
        return p.exitValue();
    }

    @Test
    void addKeyWithANullTypeFailsWithEfault() throws Exception {
        assumeTrue("amd64".equals(System.getProperty("os.arch")), "the probe is x86_64 code");
        assertEquals(14, run(SyscallErrnoProbe.write(tmp.resolve("add_key"), SyscallErrnoProbe.SYS_ADD_KEY)));
    }

    @Test
    void aSyscallNumberTheKernelLacksFailsWithEnosys() throws Exception {
        assumeTrue("amd64".equals(System.getProperty("os.arch")), "the probe is x86_64 code");
        assertEquals(38, run(SyscallErrnoProbe.write(tmp.resolve("nr1000"), 1000)));
    }
}
