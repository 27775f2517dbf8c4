package dev.jrun.linux.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.spec.Seccomp;
import dev.jrun.core.spec.Seccomp.Arg;
import dev.jrun.core.spec.Seccomp.Syscall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads compiled programs into the kernel, in a child JVM ({@link SeccompLoadProbe}), and watches them act. */
class SeccompLoadTest {
    private static final String JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    @TempDir
    Path tmp;

    @Test
    void anErrnoRuleMakesMkdirFailWithThatErrnoAndLeavesOtherSyscallsAlone() throws Exception {
        SeccompProgram p = SeccompCompiler.compile(new Seccomp("SCMP_ACT_ALLOW", null, null, null, null, null,
                List.of(new Syscall(List.of("mkdir", "mkdirat"), "SCMP_ACT_ERRNO", 38L, null))));
        Path dir = tmp.resolve("made");
        Map<String, String> out = probe(p, "mkdir:" + dir, "getppid");
        assertEquals("ok 0", out.get("load"));
        assertEquals("-1 38", out.get("mkdir:" + dir));
        assertEquals("ok 0", out.get("getppid"));
        assertFalse(Files.exists(dir));
    }

    @Test
    void withoutTheFilterTheSameMkdirWorks() throws Exception {
        // The probe itself must not be what fails: the same call succeeds under a filter without the rule.
        SeccompProgram p = SeccompCompiler.compile(new Seccomp("SCMP_ACT_ALLOW", null, null, null, null, null,
                List.of(new Syscall(List.of("rmdir"), "SCMP_ACT_ERRNO", 38L, null))));
        Path dir = tmp.resolve("made");
        Map<String, String> out = probe(p, "mkdir:" + dir);
        assertEquals("ok 0", out.get("mkdir:" + dir));
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void aMaskedArgumentRuleRefusesOnlyTheMatchingValue() throws Exception {
        // value is the mask and valueTwo the value the masked argument must equal (runc's order).
        SeccompProgram p = SeccompCompiler.compile(new Seccomp("SCMP_ACT_ALLOW", null, null, null, null, null,
                List.of(new Syscall(List.of("personality"), "SCMP_ACT_ERRNO", null,
                        List.of(new Arg(0L, 0xffL, 8L, "SCMP_CMP_MASKED_EQ"))))));
        // 0x18 tells the order apart: 0x18 & 0xff is not 8, but 0x18 & 8 is 8 (libseccomp masks the datum too).
        Map<String, String> out = probe(p, "personality:0", "personality:8", "personality:0x108", "personality:0x18");
        assertEquals("ok 0", out.get("personality:0"));
        assertEquals("-1 1", out.get("personality:8"));
        assertEquals("-1 1", out.get("personality:0x108"));
        assertEquals("ok 0", out.get("personality:0x18"));
    }

    @Test
    void flagsAndExtraArchitecturesLoadAndAnNeRuleActs() throws Exception {
        // Loaded with the exported LOG and SPEC_ALLOW bits: the kernel must accept them (TSYNC adds none).
        SeccompProgram p = SeccompCompiler.compile(new Seccomp("SCMP_ACT_ALLOW", null,
                List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86"), List.of("SECCOMP_FILTER_FLAG_LOG",
                        "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_TSYNC"), null, null,
                List.of(new Syscall(List.of("personality"), "SCMP_ACT_ERRNO", 13L,
                        List.of(new Arg(0L, 0L, null, "SCMP_CMP_NE"))))));
        assertEquals(SeccompCompiler.FLAG_LOG | SeccompCompiler.FLAG_SPEC_ALLOW, p.flags());
        Map<String, String> out = probe(p, "personality:0", "personality:8");
        assertEquals("ok 0", out.get("load"));
        assertEquals("ok 0", out.get("personality:0"));
        assertEquals("-1 13", out.get("personality:8"));
    }

    private Map<String, String> probe(SeccompProgram p, String... calls) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", SeccompLoadProbe.class.getName(),
                Base64.getEncoder().encodeToString(p.filter()), Long.toString(p.flags())));
        command.addAll(List.of(calls));
        Path log = tmp.resolve("probe.err");
        Process child = new ProcessBuilder(command).redirectError(log.toFile()).start();
        String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = child.waitFor();
        assertEquals(0, exit, () -> "probe failed: " + stdout + readQuietly(log));
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            int eq = line.lastIndexOf('=');
            if (eq > 0) {
                results.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertEquals("ok 0", results.get("nnp"), stdout);
        return results;
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
