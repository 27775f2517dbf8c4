package dev.jrun.linux.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lays out an {@link Arena}: appends data and hands back its offset. Layout is x86_64: pointers and slots are 8
 * bytes, little-endian, 8-byte aligned; strings are UTF-8, NUL-terminated, unaligned. Pointers are written as target
 * offsets and recorded as {@link Relocation}s, because the real address is only known when the native arena exists.
 */
public final class ArenaBuilder {
    private static final int WORD = 8;

    private byte[] bytes = new byte[256];
    private int size;
    private final List<Relocation> relocations = new ArrayList<>();

    /** Appends {@code text} as a NUL-terminated UTF-8 string and returns its offset. */
    public int string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            if (b == 0) {
                // The kernel would silently stop at the NUL: a path or argument would be cut short.
                throw new IllegalArgumentException("string contains NUL: " + text.replace("\0", "\\0"));
            }
        }
        int at = size;
        append(utf8);
        append(new byte[] {0});
        return at;
    }

    /**
     * Appends each string, then a NULL-terminated array of pointers to them, as execve wants argv and envp. Returns
     * the offset of the array.
     */
    public int stringArray(List<String> items) {
        int[] targets = new int[items.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = string(items.get(i));
        }
        return pointerArray(targets);
    }

    /** Appends an aligned, NULL-terminated array of pointers to the given offsets and returns its offset. */
    public int pointerArray(int... targets) {
        int at = align(WORD);
        for (int target : targets) {
            pointerAt(reserve(WORD), target);
        }
        reserve(WORD); // the NULL terminator (the image is zero there)
        return at;
    }

    /** Appends a zeroed 8-byte slot (a STORE target, an out-parameter) and returns its offset. */
    public int slot() {
        return slot(0);
    }

    /** Appends an 8-byte slot holding {@code initial} and returns its offset. */
    public int slot(long initial) {
        align(WORD);
        int at = reserve(WORD);
        putLong(at, initial);
        return at;
    }

    /** Appends an 8-byte slot holding a pointer to {@code target} and returns its offset. */
    public int pointerSlot(int target) {
        align(WORD);
        int at = reserve(WORD);
        pointerAt(at, target);
        return at;
    }

    /** Appends a raw block (a BPF program, uid_map text, a struct) at the given alignment and returns its offset. */
    public int bytes(byte[] data, int alignment) {
        if (alignment < 1 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two: " + alignment);
        }
        int at = align(alignment);
        append(data);
        return at;
    }

    /**
     * Makes the 8 bytes at {@code at}, inside a block appended earlier, a pointer to {@code target} (for instance
     * the filter pointer of a sock_fprog).
     */
    public void pointerAt(int at, int target) {
        if (at + WORD > size) {
            throw new IllegalArgumentException("pointer slot at " + at + " is past the arena end " + size);
        }
        if (target < 0 || target >= size) {
            throw new IllegalArgumentException("pointer target " + target + " is outside the arena (" + size + " bytes)");
        }
        relocations.add(new Relocation(at, target));
        putLong(at, target);
    }

    /** Bytes laid out so far (before the final padding). */
    public int size() {
        return size;
    }

    public Arena build() {
        return new Arena(Arrays.copyOf(bytes, roundUp(size, WORD)), relocations);
    }

    private int align(int alignment) {
        reserve(roundUp(size, alignment) - size);
        return size;
    }

    private int reserve(int n) {
        int at = size;
        ensure(size + n);
        size += n;
        return at;
    }

    private void append(byte[] data) {
        int at = reserve(data.length);
        System.arraycopy(data, 0, bytes, at, data.length);
    }

    private void putLong(int at, long value) {
        for (int i = 0; i < WORD; i++) {
            bytes[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private void ensure(int capacity) {
        if (capacity > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
        }
    }

    private static int roundUp(int n, int alignment) {
        return (n + alignment - 1) & -alignment;
    }
}
