package dev.jrun.linux.cgroup.devices;

import static dev.jrun.linux.cgroup.devices.DeviceRuleset.ACC_MKNOD;
import static dev.jrun.linux.cgroup.devices.DeviceRuleset.ACC_READ;
import static dev.jrun.linux.cgroup.devices.DeviceRuleset.ACC_WRITE;
import static dev.jrun.linux.cgroup.devices.DeviceRuleset.TYPE_BLOCK;
import static dev.jrun.linux.cgroup.devices.DeviceRuleset.TYPE_CHAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.spec.LinuxResources.DeviceRule;
import dev.jrun.linux.cgroup.CgroupException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compiled filter, run by {@link EbpfInterpreter}, against reference models of runc's device semantics. */
class DeviceFilterTest {
    private static final int[] TYPES = {TYPE_BLOCK, TYPE_CHAR};
    private static final long[] MAJORS = {0, 1, 5, 8, 136, 0x8000_0000L, 0xFFFF_FFFFL};
    private static final long[] MINORS = {0, 1, 2, 3, 5, 9, 200, 0xFFFF_FFFFL};

    private static DeviceRule allow(String type, Long major, Long minor, String access) {
        return new DeviceRule(true, type, major, minor, access);
    }

    private static DeviceRule deny(String type, Long major, Long minor, String access) {
        return new DeviceRule(false, type, major, minor, access);
    }

    /** runc 1.1.5's specconv.AllowedDevices: the default devices of a container. */
    private static final List<DeviceRule> RUNC_DEFAULTS = List.of(
            allow("c", null, null, "m"), allow("b", null, null, "m"),
            allow("c", 1L, 3L, "rwm"), allow("c", 1L, 8L, "rwm"), allow("c", 1L, 7L, "rwm"),
            allow("c", 5L, 0L, "rwm"), allow("c", 1L, 5L, "rwm"), allow("c", 1L, 9L, "rwm"),
            allow("c", 136L, null, "rwm"), allow("c", 5L, 2L, "rwm"), allow("c", 10L, 200L, "rwm"));

    private static boolean runs(List<DeviceRule> rules, int type, long major, long minor, int access) {
        long r0 = EbpfInterpreter.run(DeviceFilter.compile(DeviceRuleset.of(rules)), type, access, major, minor);
        assertTrue(r0 == 0 || r0 == 1, "R0 is 0 or 1, was " + r0);
        return r0 == 1;
    }

    // runc's devicefilter_test cases, as rule lists and the verdicts their expected programs give.

    @Test
    void noRulesDenyEverything() {
        long[] program = DeviceFilter.compile(DeviceRuleset.of(List.of()));
        assertEquals(8, program.length, "runc's program for no rules: 6 loads, mov r0 0, exit");
        forEveryRequest((t, ma, mi, acc) -> assertEquals(false, runs(List.of(), t, ma, mi, acc)));
    }

    @Test
    void runcDefaultDevices() {
        assertTrue(runs(RUNC_DEFAULTS, TYPE_CHAR, 1, 3, ACC_READ | ACC_WRITE), "/dev/null rw");
        assertTrue(runs(RUNC_DEFAULTS, TYPE_CHAR, 136, 7, ACC_READ), "/dev/pts/7");
        assertTrue(runs(RUNC_DEFAULTS, TYPE_CHAR, 10, 200, ACC_WRITE), "tun");
        assertTrue(runs(RUNC_DEFAULTS, TYPE_BLOCK, 8, 0, ACC_MKNOD), "mknod of any block device");
        assertTrue(runs(RUNC_DEFAULTS, TYPE_CHAR, 4, 1, ACC_MKNOD), "mknod of any char device");
        assertEquals(false, runs(RUNC_DEFAULTS, TYPE_BLOCK, 8, 0, ACC_READ), "reading a disk");
        assertEquals(false, runs(RUNC_DEFAULTS, TYPE_CHAR, 4, 1, ACC_WRITE), "writing a tty not listed");
        assertTrue(runs(RUNC_DEFAULTS, TYPE_CHAR, 1, 3, ACC_READ | ACC_WRITE | ACC_MKNOD), "/dev/null rwm");
        forEveryRequest((t, ma, mi, acc) -> assertEquals(reference(RUNC_DEFAULTS, t, ma, mi, acc),
                runs(RUNC_DEFAULTS, t, ma, mi, acc), () -> request(t, ma, mi, acc)));
    }

    @Test
    void privilegedAllowsEverything() {
        List<DeviceRule> rules = List.of(allow("a", null, null, "rwm"));
        assertEquals(8, DeviceFilter.compile(DeviceRuleset.of(rules)).length);
        forEveryRequest((t, ma, mi, acc) -> assertTrue(runs(rules, t, ma, mi, acc)));
    }

    @Test
    void privilegedExceptOneDevice() {
        List<DeviceRule> rules = List.of(allow("a", null, null, "rwm"), deny("b", 8L, 0L, "rwm"));
        forEveryRequest((t, ma, mi, acc) -> assertEquals(!(t == TYPE_BLOCK && ma == 8 && mi == 0),
                runs(rules, t, ma, mi, acc), () -> request(t, ma, mi, acc)));
    }

    @Test
    void allRuleDiscardsEverythingBeforeIt() {
        // runc's "Weird" case: the deny of b 8:1 is forgotten by the allow-all after it; b 8:2 stays denied.
        List<DeviceRule> rules = List.of(deny("b", 8L, 1L, "rwm"), allow("a", null, null, "rwm"), deny("b", 8L, 2L, "rwm"));
        assertTrue(runs(rules, TYPE_BLOCK, 8, 1, ACC_READ));
        assertEquals(false, runs(rules, TYPE_BLOCK, 8, 2, ACC_READ));
        assertTrue(runs(rules, TYPE_BLOCK, 8, 3, ACC_READ));
    }

    @Test
    void anAllRuleIgnoresItsNumbersAndAccess() {
        // As in runc: type "a" resets everything, whatever else the rule says.
        List<DeviceRule> rules = List.of(allow("a", 1L, 3L, "r"));
        assertTrue(runs(rules, TYPE_BLOCK, 8, 0, ACC_WRITE));
        assertEquals(false, runs(List.of(allow("a", null, null, null), deny(null, 5L, null, "w")), TYPE_CHAR, 1, 3,
                ACC_WRITE));
    }

    @Test
    void laterRulesOverrideEarlierOnesForTheAccessTheyName() {
        List<DeviceRule> rules = List.of(allow("c", 1L, 3L, "rwm"), deny("c", 1L, 3L, "w"));
        assertTrue(runs(rules, TYPE_CHAR, 1, 3, ACC_READ));
        assertEquals(false, runs(rules, TYPE_CHAR, 1, 3, ACC_WRITE));
        assertEquals(false, runs(rules, TYPE_CHAR, 1, 3, ACC_READ | ACC_WRITE));
        assertTrue(runs(rules, TYPE_CHAR, 1, 3, ACC_MKNOD));
        assertEquals(false, runs(rules, TYPE_BLOCK, 1, 3, ACC_READ), "the type must match");
    }

    @Test
    void aRequestNeedsOneRuleGrantingAllOfIt() {
        // The kernel asks for read and write together on an O_RDWR open: split grants do not add up (as in v1).
        List<DeviceRule> rules = List.of(allow("c", 1L, 3L, "r"), allow("c", 1L, null, "w"));
        assertTrue(runs(rules, TYPE_CHAR, 1, 3, ACC_READ));
        assertTrue(runs(rules, TYPE_CHAR, 1, 3, ACC_WRITE));
        assertEquals(false, runs(rules, TYPE_CHAR, 1, 3, ACC_READ | ACC_WRITE));
    }

    @Test
    void denyingAWildcardKeepsNarrowerGrants() {
        // cgroup v1 removes exact matches only; runc emulates it.
        List<DeviceRule> rules = List.of(allow("c", 1L, 3L, "r"), allow("c", null, null, "r"), deny("c", null, null, "r"));
        assertTrue(runs(rules, TYPE_CHAR, 1, 3, ACC_READ));
        assertEquals(false, runs(rules, TYPE_CHAR, 1, 5, ACC_READ));
    }

    @Test
    void punchingAHoleInAWildcardIsRefused() {
        CgroupException e = assertThrows(CgroupException.class, () -> DeviceRuleset.of(
                List.of(allow("c", null, null, "rw"), deny("c", 1L, 3L, "r"))));
        assertTrue(e.getMessage().contains("linux.resources.devices[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("c *:* rw"), e.getMessage());
        // The same in an allow-all cgroup: allow after a wildcard deny.
        assertThrows(CgroupException.class, () -> DeviceRuleset.of(List.of(allow("a", null, null, null),
                deny("b", 8L, null, "m"), allow("b", 8L, 0L, "rwm"))));
        // No overlap in access: fine.
        DeviceRuleset.of(List.of(allow("c", null, null, "m"), deny("c", 1L, 3L, "rw")));
    }

    @Test
    void highDeviceNumbersMatchExactly() {
        List<DeviceRule> rules = List.of(allow("c", 0xFFFF_FFFFL, 0x8000_0000L, null));
        assertTrue(runs(rules, TYPE_CHAR, 0xFFFF_FFFFL, 0x8000_0000L, ACC_READ));
        assertEquals(false, runs(rules, TYPE_CHAR, 0xFFFF_FFFFL, 0, ACC_READ));
        assertEquals(false, runs(rules, TYPE_CHAR, 0x7FFF_FFFFL, 0x8000_0000L, ACC_READ));
    }

    @Test
    void badRulesNameTheirField() {
        assertMessage(List.of(allow("x", 1L, 3L, "r")), "linux.resources.devices[0].type");
        assertMessage(List.of(allow("c", 1L, 3L, "r"), allow("c", 1L, 3L, "rx")), "linux.resources.devices[1].access");
        assertMessage(List.of(allow("c", -1L, 3L, "r")), "linux.resources.devices[0].major");
        assertMessage(List.of(allow("c", 1L, 1L << 32, "r")), "linux.resources.devices[0].minor");
    }

    private static void assertMessage(List<DeviceRule> rules, String field) {
        CgroupException e = assertThrows(CgroupException.class, () -> DeviceRuleset.of(rules));
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }

    /** Random rule lists: the compiled program against both reference models. */
    @Test
    void randomRuleListsAgreeWithTheReferenceModels() {
        Random random = new Random(20261202);
        String[] types = {null, "a", "b", "c", "c", "b"};
        Long[] majors = {null, 1L, 5L, 8L, 0xFFFF_FFFFL};
        Long[] minors = {null, 0L, 3L, 5L, 0xFFFF_FFFFL};
        String[] accesses = {null, "", "r", "w", "m", "rw", "rm", "wm", "rwm", "mr"};
        int compiled = 0;
        int refused = 0;
        int exactOnly = 0;
        for (int n = 0; n < 3000; n++) {
            List<DeviceRule> rules = new ArrayList<>();
            int length = random.nextInt(7);
            boolean exact = random.nextInt(3) == 0; // a third of the lists: no wildcard numbers
            for (int i = 0; i < length; i++) {
                Long major = majors[random.nextInt(majors.length)];
                Long minor = minors[random.nextInt(minors.length)];
                if (exact) {
                    major = major == null ? 1L : major;
                    minor = minor == null ? 3L : minor;
                }
                rules.add(new DeviceRule(random.nextBoolean() ? Boolean.TRUE : random.nextBoolean() ? null : false,
                        types[random.nextInt(types.length)], major, minor, accesses[random.nextInt(accesses.length)]));
            }
            Boolean refusedByReference = refusedByReference(rules);
            if (refusedByReference) {
                assertThrows(CgroupException.class, () -> DeviceRuleset.of(rules), rules::toString);
                refused++;
                continue;
            }
            long[] program = DeviceFilter.compile(DeviceRuleset.of(rules));
            compiled++;
            exactOnly += exact ? 1 : 0;
            forEveryRequest((t, ma, mi, acc) -> {
                boolean verdict = EbpfInterpreter.run(program, t, acc, ma, mi) == 1;
                assertEquals(reference(rules, t, ma, mi, acc), verdict, () -> rules + ": " + request(t, ma, mi, acc));
                if (exact && Integer.bitCount(acc) == 1) {
                    assertEquals(lastMatchWins(rules, t, ma, mi, acc), verdict,
                            () -> "last match: " + rules + ": " + request(t, ma, mi, acc));
                }
            });
        }
        assertTrue(compiled > 1000 && refused > 20 && exactOnly > 300, compiled + " compiled, " + refused + " refused");
    }

    // The reference models.

    /**
     * cgroup v1's device controller as the kernel implements it (security/device_cgroup.c), which runc emulates: a
     * default and an exception list; an "a" rule sets the default and empties the list; a rule against the default
     * merges its access into the exception with the same type and numbers; a rule with the default clears its access
     * from that exception only. A request passes an exception that matches the device and grants all of it.
     */
    private static boolean reference(List<DeviceRule> rules, int type, long major, long minor, int access) {
        boolean defaultAllow = false;
        List<long[]> exceptions = new ArrayList<>(); // {type, major (-1 any), minor (-1 any), access}
        for (DeviceRule rule : rules) {
            boolean allow = Boolean.TRUE.equals(rule.allow());
            if (rule.type() == null || rule.type().equals("a")) {
                defaultAllow = allow;
                exceptions.clear();
                continue;
            }
            long[] key = {rule.type().equals("b") ? TYPE_BLOCK : TYPE_CHAR, orAny(rule.major()), orAny(rule.minor()), 0};
            int bits = bits(rule.access());
            long[] existing = exceptions.stream().filter(e -> sameKey(e, key)).findFirst().orElse(null);
            if (allow != defaultAllow) {
                if (existing == null) {
                    key[3] = bits;
                    exceptions.add(key);
                } else {
                    existing[3] |= bits;
                }
            } else if (existing != null) {
                existing[3] &= ~bits;
                if (existing[3] == 0) {
                    exceptions.remove(existing);
                }
            }
        }
        for (long[] e : exceptions) {
            if (e[0] == type && (e[1] == -1 || e[1] == major) && (e[2] == -1 || e[2] == minor) && e[3] != 0
                    && (access & ~e[3]) == 0) {
                return !defaultAllow;
            }
        }
        return defaultAllow;
    }

    /** runc's refusal: a rule with the default whose access overlaps a wider exception of the same type. */
    private static boolean refusedByReference(List<DeviceRule> rules) {
        boolean defaultAllow = false;
        List<long[]> granted = new ArrayList<>(); // {type, major, minor, bits} of exceptions, after each rule
        for (DeviceRule rule : rules) {
            boolean allow = Boolean.TRUE.equals(rule.allow());
            if (rule.type() == null || rule.type().equals("a")) {
                defaultAllow = allow;
                granted.clear();
                continue;
            }
            long type = rule.type().equals("b") ? TYPE_BLOCK : TYPE_CHAR;
            long major = orAny(rule.major());
            long minor = orAny(rule.minor());
            int bits = bits(rule.access());
            if (allow == defaultAllow) {
                for (long[] g : granted) {
                    boolean wider = g[0] == type && (g[1] == -1 || g[1] == major) && (g[2] == -1 || g[2] == minor)
                            && !(g[1] == major && g[2] == minor) && (g[1] == -1 || g[2] == -1);
                    if (wider && (g[3] & bits) != 0) {
                        return true;
                    }
                }
                for (long[] g : granted) {
                    if (g[0] == type && g[1] == major && g[2] == minor) {
                        g[3] &= ~bits;
                    }
                }
            } else {
                granted.add(new long[] {type, major, minor, bits});
            }
        }
        return false;
    }

    /** The plain reading for one access bit: the last rule naming this device and bit decides; default deny. */
    private static boolean lastMatchWins(List<DeviceRule> rules, int type, long major, long minor, int bit) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            DeviceRule r = rules.get(i);
            boolean all = r.type() == null || r.type().equals("a");
            if (all) {
                return Boolean.TRUE.equals(r.allow());
            }
            int t = r.type().equals("b") ? TYPE_BLOCK : TYPE_CHAR;
            if (t == type && r.major() == major && r.minor() == minor && (bits(r.access()) & bit) != 0) {
                return Boolean.TRUE.equals(r.allow());
            }
        }
        return false;
    }

    private static boolean sameKey(long[] a, long[] b) {
        return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
    }

    private static long orAny(Long n) {
        return n == null ? -1 : n;
    }

    private static int bits(String access) {
        if (access == null) {
            return ACC_READ | ACC_WRITE | ACC_MKNOD;
        }
        int bits = 0;
        for (char c : access.toCharArray()) {
            bits |= c == 'r' ? ACC_READ : c == 'w' ? ACC_WRITE : ACC_MKNOD;
        }
        return bits;
    }

    private interface Request {
        void check(int type, long major, long minor, int access);
    }

    private static void forEveryRequest(Request request) {
        for (int type : TYPES) {
            for (long major : MAJORS) {
                for (long minor : MINORS) {
                    for (int access = 1; access <= 7; access++) {
                        request.check(type, major, minor, access);
                    }
                }
            }
        }
    }

    private static String request(int type, long major, long minor, int access) {
        return (type == TYPE_BLOCK ? "b " : "c ") + major + ":" + minor + " " + DeviceRuleset.accessString(access);
    }

    @Test
    void interpreterRefusesWhatTheVerifierWould() {
        long[] noExit = {Insn.mov32(0, 1)};
        assertThrows(IllegalStateException.class, () -> EbpfInterpreter.run(noExit, TYPE_CHAR, ACC_READ, 1, 3));
        long[] unsetR0 = {Insn.exit()};
        assertThrows(IllegalStateException.class, () -> EbpfInterpreter.run(unsetR0, TYPE_CHAR, ACC_READ, 1, 3));
        long[] badLoad = {Insn.loadWord(2, 1, 12), Insn.mov32(0, 1), Insn.exit()};
        assertThrows(IllegalStateException.class, () -> EbpfInterpreter.run(badLoad, TYPE_CHAR, ACC_READ, 1, 3));
    }
}
