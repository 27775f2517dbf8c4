package dev.jrun.linux.plan;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One step of a plan. The set is deliberately this small (DESIGN.md section 1): the child can only run a loop over
 * primitives, so anything cleverer (loops over path components, conditionals on config) is unrolled by the compiler
 * in the parent. Every op carries a human description; the child only reports an op index, and the parent turns it
 * into a message with that description.
 */
public sealed interface Op {

    /** What the op does, in words fit for an error message: "mount proc on /proc". */
    String description();

    /** Highest errno an op can list as expected; the encoding holds the set as a bit mask of this many bits. */
    int MAX_EXPECTED_ERRNO = PlanEncoding.EXPECTED_ERRNO_BITS;

    /**
     * Call syscall {@code nr} with up to six arguments (missing ones are zero). A negative result fails the plan
     * unless its errno is in {@code expectedErrnos}; either way the raw result goes into {@code result} if given, so a
     * later {@link JumpIf} can branch on it (for example retry on -EINTR).
     */
    record Sys(long nr, List<Arg> args, Optional<Arg.Reg> result, Set<Integer> expectedErrnos, String description)
            implements Op {
        public Sys {
            args = List.copyOf(args);
            if (args.size() > 6) {
                throw new IllegalArgumentException(description + ": a syscall takes at most 6 arguments, got " + args.size());
            }
            if (nr < 0) {
                throw new IllegalArgumentException(description + ": negative syscall number " + nr);
            }
            for (int errno : expectedErrnos) {
                if (errno < 1 || errno > MAX_EXPECTED_ERRNO) {
                    throw new IllegalArgumentException(
                            description + ": expected errno must be 1.." + MAX_EXPECTED_ERRNO + ", got " + errno);
                }
            }
            expectedErrnos = Set.copyOf(expectedErrnos);
            requireDescription(description);
        }
    }

    /** Write the 8-byte value of {@code reg} (little-endian) at {@code arenaOffset}, which must be 8-byte aligned. */
    record Store(Arg.Reg reg, int arenaOffset, String description) implements Op {
        public Store {
            requireDescription(description);
        }
    }

    /** Continue at op {@code target} if {@code reg condition imm} holds, else at the next op. */
    record JumpIf(Arg.Reg reg, Condition condition, long imm, int target, String description) implements Op {
        public JumpIf {
            requireDescription(description);
        }
    }

    /** End the plan with {@code code} (in the child: exit_group). */
    record Exit(int code, String description) implements Op {
        public Exit {
            requireDescription(description);
        }
    }

    private static void requireDescription(String description) {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("every op needs a description for error messages");
        }
    }
}
