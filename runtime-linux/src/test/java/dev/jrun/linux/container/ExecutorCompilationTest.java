package dev.jrun.linux.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloned child must never call into the JIT: an interpreted method whose counters overflow asks the compile
 * broker for a compilation and blocks on its queue lock, which another thread of the parent may have held at the
 * clone (seen for real: a child stuck in {@code CompileBroker::compile_method_base} on MethodCompileQueue_lock).
 * scripts/executor.compile makes every method on the child's path compile on its first call, synchronously; this
 * checks, in a JVM with exactly the launcher's flags, that all of them are compiled when warm-up returns.
 */
class ExecutorCompilationTest {
    private static final List<String> CHILD_PATH = List.of(
            "dev.jrun.linux.kernel.PlanExecutor::loop",
            "dev.jrun.linux.kernel.PlanExecutor::execute",
            "dev.jrun.linux.kernel.LinuxSyscalls::invoke",
            "dev.jrun.linux.kernel.LibcSyscall::syscall",
            "com.sun.jna.Native::getLastError",
            "com.sun.jna.Memory::setLong",
            "com.sun.jna.Native::setLong");

    @TempDir
    Path dir;

    @Test
    void everyMethodTheChildRunsIsCompiledBeforeWarmUpReturns() throws Exception {
        Path scripts = Path.of(System.getProperty("user.dir")).resolve("../scripts").normalize();
        String flags = Files.readString(scripts.resolve("jvm-flags")).trim().replace("@LIB@", scripts.toString());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(flags.split("\\s+")));
        command.add("-XX:+PrintCompilation");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WarmUpProbe.class.getName()));
        Path out = dir.resolve("out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
        List<String> lines = Files.readAllLines(out);
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        int done = lines.indexOf("WARM-UP DONE");
        assertTrue(done > 0, String.join("\n", lines));
        List<String> before = lines.subList(0, done);
        for (String method : CHILD_PATH) {
            assertTrue(before.stream().anyMatch(l -> l.contains(method + " ") && !l.contains(" made not entrant")),
                    method + " is not compiled when warm-up returns:\n" + String.join("\n", before));
        }
        assertTrue(lines.subList(done, lines.size()).stream().noneMatch(l -> l.contains("made not entrant")
                        && CHILD_PATH.stream().anyMatch(l::contains)),
                "child-path code was thrown away after warm-up");
    }
}
