package dev.jrun.linux.cgroup.devices;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link DeviceRuleset} to a BPF_PROG_TYPE_CGROUP_DEVICE program, the program runc 1.1.5 builds: load the
 * {@code struct bpf_cgroup_dev_ctx} fields into registers, then one block per exception that falls through to the
 * next block unless the device type, access, major and minor all match, and returns the exception's verdict (the
 * opposite of the default) when they do; the last block returns the default. Returns 1 to allow, 0 to deny.
 *
 * <p>The access test is "every requested bit is in the rule's access" (runc's {@code (access & rule) != access}),
 * left out for rwm rules that match any request. One deliberate difference from runc's program: the major and
 * minor comparisons are 32-bit jumps (JMP32, kernel 5.1+), because runc's 64-bit compare against a sign-extended
 * immediate never matches a major or minor of 2^31 or more.
 */
public final class DeviceFilter {
    static final int R0 = 0;
    static final int R1 = 1; // the context on entry; a scratch register after the loads
    static final int R2 = 2; // device type
    static final int R3 = 3; // requested access
    static final int R4 = 4; // major
    static final int R5 = 5; // minor

    private DeviceFilter() {}

    public static long[] compile(DeviceRuleset ruleset) {
        List<Long> insns = new ArrayList<>();
        insns.add(Insn.loadWord(R2, R1, 0));
        insns.add(Insn.and32(R2, 0xFFFF));
        insns.add(Insn.loadWord(R3, R1, 0));
        insns.add(Insn.rsh32(R3, 16));
        insns.add(Insn.loadWord(R4, R1, 4));
        insns.add(Insn.loadWord(R5, R1, 8));
        for (DeviceRuleset.Exemption e : ruleset.exceptions()) {
            insns.addAll(block(e, !ruleset.defaultAllow()));
        }
        insns.add(Insn.mov32(R0, ruleset.defaultAllow() ? 1 : 0));
        insns.add(Insn.exit());
        return insns.stream().mapToLong(Long::longValue).toArray();
    }

    /** One test of a block: either register == value, or "the requested access is within value". */
    private record Check(int register, int value, boolean accessSubset) {
        int size() {
            return accessSubset ? 3 : 1;
        }
    }

    /** The tests of one block, each jumping past the block's end (its two verdict instructions) on a mismatch. */
    private static List<Long> block(DeviceRuleset.Exemption e, boolean verdict) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(R2, e.type(), false));
        if (e.access() != DeviceRuleset.ACC_ALL) {
            checks.add(new Check(R3, e.access(), true));
        }
        // Majors and minors up to 2^32-1 become ints with the same low 32 bits, all a 32-bit compare looks at.
        if (e.major() != DeviceRuleset.ANY) {
            checks.add(new Check(R4, (int) e.major(), false));
        }
        if (e.minor() != DeviceRuleset.ANY) {
            checks.add(new Check(R5, (int) e.minor(), false));
        }
        int length = 2 + checks.stream().mapToInt(Check::size).sum();
        List<Long> out = new ArrayList<>();
        for (Check c : checks) {
            if (c.accessSubset()) {
                // R1 = R3 & access; if (R1 != R3) the request has a bit the rule lacks.
                out.add(Insn.mov32Reg(R1, R3));
                out.add(Insn.and32(R1, c.value()));
                out.add(Insn.jne32Reg(R1, R3, length - out.size() - 1));
            } else {
                out.add(Insn.jne32(c.register(), c.value(), length - out.size() - 1));
            }
        }
        out.add(Insn.mov32(R0, verdict ? 1 : 0));
        out.add(Insn.exit());
        return out;
    }
}
