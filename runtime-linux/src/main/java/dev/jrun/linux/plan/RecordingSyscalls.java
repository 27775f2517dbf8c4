package dev.jrun.linux.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A fake kernel for tests: records every call and answers from a script. A call's answer is, in order of
 * precedence: the result set for that call's position ({@link #onNthCall}), else the next queued result for its
 * syscall number ({@link #returning}), else 0.
 *
 * <p>Arguments that point into the {@link SimulatedArena} are decoded at the moment of the call (the arena changes
 * as the plan STOREs into it), so a test can assert {@code mkdirat(-100, "/run", 493)} instead of raw addresses.
 */
public final class RecordingSyscalls implements Syscalls {

    /** An argument as seen by the fake. */
    public sealed interface Decoded {
        /** Not an arena address: a number, a flag word, an fd. */
        record Value(long value) implements Decoded {}

        /**
         * An arena address: its offset, the C string there, the 8-byte word there, and the strings of the pointer
         * array there if it looks like one (argv, envp).
         */
        record Pointer(int offset, String text, long word, Optional<List<String>> strings) implements Decoded {}
    }

    /** One syscall as made. {@code number} counts calls from 1. */
    public record Call(int number, long nr, List<Long> args, List<Decoded> decoded, long result) {
        /**
         * {@code name(arg, ...)} with trailing zero arguments left out (a syscall always receives six): numbers in
         * decimal, strings quoted, pointer arrays as {@code ["sh", "-c"]}.
         */
        public String render() {
            int last = decoded.size();
            while (last > 0 && decoded.get(last - 1) instanceof Decoded.Value(long v) && v == 0) {
                last--;
            }
            return SyscallNumbers.name(nr) + decoded.subList(0, last).stream()
                    .map(Call::render)
                    .collect(Collectors.joining(", ", "(", ")"));
        }

        private static String render(Decoded arg) {
            return switch (arg) {
                case Decoded.Value(long v) -> Long.toString(v);
                case Decoded.Pointer p when p.strings().isPresent() -> p.strings().get().stream()
                        .map(s -> '"' + s + '"')
                        .collect(Collectors.joining(", ", "[", "]"));
                case Decoded.Pointer p -> '"' + p.text() + '"';
            };
        }
    }

    private final SimulatedArena arena;
    private final List<Call> calls = new ArrayList<>();
    private final Map<Integer, Long> byCallNumber = new HashMap<>();
    private final Map<Long, Deque<Long>> bySyscall = new HashMap<>();

    public RecordingSyscalls(SimulatedArena arena) {
        this.arena = arena;
    }

    /** Calls of {@code nr} return these results in turn, then 0 (unless {@link #onNthCall} says otherwise). */
    public RecordingSyscalls returning(long nr, long... results) {
        Deque<Long> queue = bySyscall.computeIfAbsent(nr, k -> new ArrayDeque<>());
        for (long r : results) {
            queue.add(r);
        }
        return this;
    }

    /** The {@code n}th call made (counting from 1), whatever its syscall, returns {@code result}. */
    public RecordingSyscalls onNthCall(int n, long result) {
        if (n < 1) {
            throw new IllegalArgumentException("calls are counted from 1");
        }
        byCallNumber.put(n, result);
        return this;
    }

    @Override
    public long syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        int number = calls.size() + 1;
        List<Long> args = List.of(a0, a1, a2, a3, a4, a5);
        long result;
        Long scripted = byCallNumber.get(number);
        if (scripted != null) {
            result = scripted;
        } else {
            Deque<Long> queue = bySyscall.get(nr);
            result = queue == null || queue.isEmpty() ? 0 : queue.removeFirst();
        }
        calls.add(new Call(number, nr, args, args.stream().map(this::decode).toList(), result));
        return result;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Every call, rendered; see {@link Call#render()}. */
    public List<String> rendered() {
        return calls.stream().map(Call::render).toList();
    }

    private Decoded decode(long value) {
        if (!arena.contains(value)) {
            return new Decoded.Value(value);
        }
        int offset = arena.offsetOf(value).orElseThrow();
        long word = offset + 8 <= arena.size() ? arena.readLong(value) : 0;
        return new Decoded.Pointer(offset, arena.readCString(value), word, arena.readStringArray(value));
    }
}
