package dev.jrun.linux.seccomp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.spec.Seccomp;
import dev.jrun.core.spec.Seccomp.Arg;
import dev.jrun.core.spec.Seccomp.Syscall;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compiles profiles with the real libseccomp and checks the exported programs and flags. */
class SeccompCompilerTest {
    static Seccomp profile(String defaultAction, List<String> flags, List<Syscall> syscalls) {
        return new Seccomp(defaultAction, null, List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), flags,
                null, null, syscalls);
    }

    static Syscall rule(String action, Long errnoRet, String... names) {
        return new Syscall(List.of(names), action, errnoRet, null);
    }

    private static final List<Syscall> ALLOW_LIST = List.of(
            rule("SCMP_ACT_ALLOW", null, "read", "write", "exit_group", "execve", "openat", "close", "mmap"));
    private static final List<Syscall> DENY_LIST = List.of(
            rule("SCMP_ACT_ERRNO", 38L, "mkdir", "mkdirat"), rule("SCMP_ACT_KILL_PROCESS", null, "reboot"));

    @Test
    void allowListAndDenyListCompileToWholeDistinctPrograms() {
        SeccompProgram allow = SeccompCompiler.compile(profile("SCMP_ACT_ERRNO", null, ALLOW_LIST));
        SeccompProgram deny = SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null, DENY_LIST));
        for (SeccompProgram p : List.of(allow, deny)) {
            assertTrue(p.filter().length > 0);
            assertEquals(0, p.filter().length % 8);
            assertEquals(p.filter().length / 8, p.instructions());
            assertEquals(0, p.flags());
            assertFalse(p.newListener());
        }
        assertFalse(Arrays.equals(allow.filter(), deny.filter()));
    }

    @Test
    void compilingIsDeterministicAndARuleChangeChangesTheProgram() {
        byte[] once = SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null, DENY_LIST)).filter();
        byte[] again = SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null, DENY_LIST)).filter();
        assertArrayEquals(once, again);
        byte[] otherErrno = SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null, List.of(
                rule("SCMP_ACT_ERRNO", 13L, "mkdir", "mkdirat"), rule("SCMP_ACT_KILL_PROCESS", null, "reboot"))))
                .filter();
        assertFalse(Arrays.equals(once, otherErrno));
        byte[] otherName = SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null, List.of(
                rule("SCMP_ACT_ERRNO", 38L, "mkdir", "rmdir"), rule("SCMP_ACT_KILL_PROCESS", null, "reboot"))))
                .filter();
        assertFalse(Arrays.equals(once, otherName));
    }

    @Test
    void errnoWithoutErrnoRetIsEperm() {
        byte[] implicit = SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null,
                List.of(rule("SCMP_ACT_ERRNO", null, "mkdir")))).filter();
        byte[] eperm = SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null,
                List.of(rule("SCMP_ACT_ERRNO", 1L, "mkdir")))).filter();
        assertArrayEquals(eperm, implicit);
    }

    @Test
    void anUnknownSyscallNameIsSkipped() {
        byte[] without = SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null, DENY_LIST)).filter();
        byte[] with = SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null, List.of(
                rule("SCMP_ACT_ERRNO", 38L, "mkdir", "no_such_syscall_jrun", "mkdirat"),
                rule("SCMP_ACT_KILL_PROCESS", null, "reboot"),
                rule("SCMP_ACT_TRAP", null, "another_unknown_syscall")))).filter();
        assertArrayEquals(without, with);
    }

    @Test
    void aRuleEqualToTheDefaultActionIsSkipped() {
        byte[] without = SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null, DENY_LIST)).filter();
        List<Syscall> withRedundant = List.of(DENY_LIST.get(0), rule("SCMP_ACT_ALLOW", null, "getpid", "uname"),
                DENY_LIST.get(1));
        assertArrayEquals(without, SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null, withRedundant)).filter());
        // KILL is kill-thread, so under a KILL_THREAD default it is redundant too; ERRNO with another errno is not.
        byte[] kill = SeccompCompiler.compile(profile("SCMP_ACT_KILL_THREAD", null,
                List.of(rule("SCMP_ACT_ALLOW", null, "read")))).filter();
        assertArrayEquals(kill, SeccompCompiler.compile(profile("SCMP_ACT_KILL_THREAD", null,
                List.of(rule("SCMP_ACT_ALLOW", null, "read"), rule("SCMP_ACT_KILL", null, "write")))).filter());
        Seccomp errnoDefault = new Seccomp("SCMP_ACT_ERRNO", 38L, null, null, null, null,
                List.of(rule("SCMP_ACT_ERRNO", 38L, "mkdir")));
        Seccomp bare = new Seccomp("SCMP_ACT_ERRNO", 38L, null, null, null, null, List.of());
        assertArrayEquals(SeccompCompiler.compile(bare).filter(), SeccompCompiler.compile(errnoDefault).filter());
        Seccomp otherErrno = new Seccomp("SCMP_ACT_ERRNO", 38L, null, null, null, null,
                List.of(rule("SCMP_ACT_ERRNO", 1L, "mkdir")));
        assertFalse(Arrays.equals(SeccompCompiler.compile(bare).filter(),
                SeccompCompiler.compile(otherErrno).filter()));
    }

    @Test
    void filterFlagsBecomeKernelBits() {
        assertEquals(SeccompCompiler.FLAG_LOG, SeccompCompiler.compile(
                profile("SCMP_ACT_ALLOW", List.of("SECCOMP_FILTER_FLAG_LOG"), DENY_LIST)).flags());
        assertEquals(SeccompCompiler.FLAG_LOG | SeccompCompiler.FLAG_SPEC_ALLOW, SeccompCompiler.compile(
                profile("SCMP_ACT_ALLOW", List.of("SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"),
                        DENY_LIST)).flags());
        // runc ignores TSYNC: the init's other threads end at execve.
        assertEquals(0, SeccompCompiler.compile(
                profile("SCMP_ACT_ALLOW", List.of("SECCOMP_FILTER_FLAG_TSYNC"), DENY_LIST)).flags());
        assertEquals(2, SeccompCompiler.FLAG_LOG);
        assertEquals(4, SeccompCompiler.FLAG_SPEC_ALLOW);
        assertEquals(8, SeccompCompiler.FLAG_NEW_LISTENER);
        assertEquals(32, SeccompCompiler.FLAG_WAIT_KILLABLE_RECV);
    }

    @Test
    void waitKillableRecvIsRefusedByPathWhenThisLibseccompLacksIt() {
        Seccomp s = profile("SCMP_ACT_ALLOW", List.of("SECCOMP_FILTER_FLAG_LOG",
                "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"), DENY_LIST);
        try {
            SeccompProgram p = SeccompCompiler.compile(s);
            // A libseccomp >= 2.6 has the attribute: then the bit must be there.
            assertEquals(SeccompCompiler.FLAG_LOG | SeccompCompiler.FLAG_WAIT_KILLABLE_RECV, p.flags());
        } catch (SeccompException e) {
            assertTrue(e.getMessage().startsWith("linux.seccomp.flags[1]: "), e.getMessage());
            assertTrue(e.getMessage().contains("2.6.0"), e.getMessage());
        }
    }

    @Test
    void aNotifyRuleSetsNewListener() {
        SeccompProgram p = SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null,
                List.of(rule("SCMP_ACT_NOTIFY", null, "mkdir"))));
        assertTrue(p.newListener());
        assertEquals(SeccompCompiler.FLAG_NEW_LISTENER, p.flags());
    }

    @Test
    void notifyIsRefusedAsDefaultAndOnWrite() {
        SeccompException asDefault = assertThrows(SeccompException.class,
                () -> SeccompCompiler.compile(profile("SCMP_ACT_NOTIFY", null, ALLOW_LIST)));
        assertTrue(asDefault.getMessage().startsWith("linux.seccomp.defaultAction: "), asDefault.getMessage());
        SeccompException onWrite = assertThrows(SeccompException.class, () -> SeccompCompiler.compile(profile(
                "SCMP_ACT_ALLOW", null, List.of(DENY_LIST.get(0), rule("SCMP_ACT_NOTIFY", null, "read", "write")))));
        assertTrue(onWrite.getMessage().startsWith("linux.seccomp.syscalls[1].names[1]: "), onWrite.getMessage());
    }

    @Test
    void argumentsOnDistinctIndexesAreAndedAndRepeatedIndexesOred() {
        Arg a0 = new Arg(0L, 1L, null, "SCMP_CMP_EQ");
        Arg a1 = new Arg(1L, 2L, null, "SCMP_CMP_EQ");
        Arg a0b = new Arg(0L, 3L, null, "SCMP_CMP_EQ");
        byte[] and = compileArgs(List.of(a0, a1));
        byte[] or = compileArgs(List.of(a0, a0b));
        byte[] single = compileArgs(List.of(a0));
        assertFalse(Arrays.equals(and, single));
        assertFalse(Arrays.equals(or, single));
        assertFalse(Arrays.equals(and, or));
        // The OR form is exactly the two one-check rules added one after the other.
        Seccomp twoRules = profile("SCMP_ACT_ALLOW", null, List.of(
                new Syscall(List.of("personality"), "SCMP_ACT_ERRNO", null, List.of(a0)),
                new Syscall(List.of("personality"), "SCMP_ACT_ERRNO", null, List.of(a0b))));
        assertArrayEquals(or, SeccompCompiler.compile(twoRules).filter());
    }

    private static byte[] compileArgs(List<Arg> args) {
        return SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null,
                List.of(new Syscall(List.of("personality"), "SCMP_ACT_ERRNO", null, args)))).filter();
    }

    @Test
    void anArchitectureThisLibseccompLacksIsRefusedByPath() {
        Seccomp s = new Seccomp("SCMP_ACT_ALLOW", null, List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_NOT_REAL"), null,
                null, null, DENY_LIST);
        SeccompException e = assertThrows(SeccompException.class, () -> SeccompCompiler.compile(s));
        assertTrue(e.getMessage().startsWith("linux.seccomp.architectures[1]: "), e.getMessage());
    }

    @Test
    void moreArchitecturesMakeALongerProgram() {
        Seccomp nativeOnly = new Seccomp("SCMP_ACT_ALLOW", null, List.of("SCMP_ARCH_X86_64"), null, null, null,
                DENY_LIST);
        Seccomp nothingListed = new Seccomp("SCMP_ACT_ALLOW", null, null, null, null, null, DENY_LIST);
        assertArrayEquals(SeccompCompiler.compile(nothingListed).filter(),
                SeccompCompiler.compile(nativeOnly).filter());
        assertTrue(SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null, DENY_LIST)).instructions()
                > SeccompCompiler.compile(nativeOnly).instructions());
    }

    @Test
    void aRuleLibseccompRefusesNamesItsPath() {
        // Two checks on one argument with AND are impossible; a third argument index 6 does not exist.
        Seccomp s = profile("SCMP_ACT_ALLOW", null, List.of(DENY_LIST.get(0),
                new Syscall(List.of("personality"), "SCMP_ACT_ERRNO", null, List.of(new Arg(6L, 0L, 0L, "SCMP_CMP_EQ")))));
        SeccompException e = assertThrows(SeccompException.class, () -> SeccompCompiler.compile(s));
        assertTrue(e.getMessage().startsWith("linux.seccomp.syscalls[1].args[0].index"), e.getMessage());
    }
}
