package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrun.fixtures.JrunProcess.Result;
import dev.jrun.fixtures.RootOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * linux.seccomp enforced for real through the jrun command: the filter is in place (/proc/self/status), a denied
 * syscall fails with its errnoRet, SCMP_ACT_KILL ends the process with SIGSYS, an argument filter tells
 * personality(0) from personality(PER_LINUX32), with and without noNewPrivileges (the filter is loaded at two
 * different points), and a syscall name this kernel does not know is skipped.
 */
class SeccompIT {
    @TempDir
    Path tmp;

    private ScratchContainers containers;

    @BeforeEach
    void needsRoot() {
        assumeTrue(RootOnly.isRoot(), RootOnly.skipReason());
        containers = new ScratchContainers(tmp);
    }

    @AfterEach
    void deleteWhatWeMade() {
        if (containers != null) {
            containers.deleteAll();
        }
    }

    /** defaultAction ALLOW plus one rule. */
    private static ObjectNode withRule(ObjectNode c, String action, Integer errnoRet, String... names) {
        ObjectNode seccomp = ((ObjectNode) c.get("linux")).putObject("seccomp");
        seccomp.put("defaultAction", "SCMP_ACT_ALLOW");
        seccomp.putArray("architectures").add("SCMP_ARCH_X86_64").add("SCMP_ARCH_X86").add("SCMP_ARCH_X32");
        ObjectNode rule = seccomp.putArray("syscalls").addObject();
        ArrayNode n = rule.putArray("names");
        for (String name : names) {
            n.add(name);
        }
        rule.put("action", action);
        if (errnoRet != null) {
            rule.put("errnoRet", errnoRet);
        }
        return rule;
    }

    @Test
    void aDeniedSyscallFailsWithItsErrnoAndTheFilterIsShownInStatus() throws Exception {
        ObjectNode c = config("sh", "-c", "grep Seccomp: /proc/self/status; mkdir /tmp/x 2>&1; echo rc=$?");
        withRule(c, "SCMP_ACT_ERRNO", 38, "mkdir", "mkdirat", "no_such_syscall_jrun");
        Result r = run("deny", c);
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.stdout().lines().toList();
        assertEquals("Seccomp:\t2", lines.get(0), r.toString());
        assertTrue(lines.get(1).contains("Function not implemented"), r.toString());
        assertEquals("rc=1", lines.get(2), r.toString());
    }

    @Test
    void scmpActKillEndsTheProcessWithSigsys() throws Exception {
        ObjectNode c = config("uname");
        withRule(c, "SCMP_ACT_KILL", null, "uname");
        Result r = run("kill", c);
        assertEquals(128 + 31, r.exitCode(), r.toString());
    }

    @Test
    void scmpActTrapSendsSigsysWhichEndsAProcessThatDoesNotHandleIt() throws Exception {
        ObjectNode c = config("uname");
        withRule(c, "SCMP_ACT_TRAP", null, "uname");
        Result r = run("trap", c);
        assertEquals(128 + 31, r.exitCode(), r.toString());
    }

    @Test
    void scmpActLogLetsTheSyscallThrough() throws Exception {
        ObjectNode c = config("sh", "-c", "mkdir /tmp/logged && echo made");
        withRule(c, "SCMP_ACT_LOG", null, "mkdir", "mkdirat");
        ((ObjectNode) c.get("root")).put("readonly", false);
        Result r = run("log", c);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("made\n", r.stdout());
    }

    @Test
    void anArgumentFilterAllowsPersonalityZeroAndRefusesLinux32WithAndWithoutNoNewPrivileges() throws Exception {
        for (boolean nnp : List.of(true, false)) {
            ObjectNode c = config("sh", "-c", "linux64 true; echo zero=$?; linux32 true 2>&1; echo linux32=$?");
            ((ObjectNode) c.get("process")).put("noNewPrivileges", nnp);
            ObjectNode rule = withRule(c, "SCMP_ACT_ERRNO", 1, "personality");
            rule.putArray("args").addObject().put("index", 0).put("value", 8).put("op", "SCMP_CMP_EQ");
            String id = "pers-" + nnp;
            Result r = run(id, c);
            assertEquals(0, r.exitCode(), r.toString());
            List<String> lines = r.stdout().lines().toList();
            assertEquals("zero=0", lines.get(0), "noNewPrivileges " + nnp + ": " + r);
            assertTrue(lines.get(1).contains("Operation not permitted"), "noNewPrivileges " + nnp + ": " + r);
            assertEquals("linux32=1", lines.get(2), "noNewPrivileges " + nnp + ": " + r);
        }
    }

    @Test
    void aNotifyActionIsRefusedClearlyAndLeavesNothing() throws Exception {
        ObjectNode c = config("true");
        withRule(c, "SCMP_ACT_NOTIFY", null, "mkdir");
        ((ObjectNode) c.get("linux").get("seccomp")).put("listenerPath", tmp.resolve("listener.sock").toString());
        Result r = run("notify", c);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("linux.seccomp.syscalls[0].action: seccomp notify listeners are not"
                + " supported yet"), r.toString());
        assertTrue(!Files.exists(root().resolve("notify")), "state directory left behind");
    }

    // ---- helpers

    private Path root() {
        return containers.root();
    }

    private static ObjectNode config(String... args) throws IOException {
        return RunnableConfigs.running(args);
    }

    private Result run(String id, ObjectNode config) throws IOException {
        return containers.run(id, config);
    }
}
