package dev.jrun.linux.plan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@link Arena} "loaded" into a Java byte array at a pretend address, for tests: relocations are applied as the
 * native loader will apply them (each pointer word gets the base added), STOREs write into it, and a fake {@link
 * Syscalls} can read back what an address argument points at.
 */
public final class SimulatedArena {
    /** Far from small immediates (fds, flags, modes), so addresses and numbers cannot be confused. */
    public static final long DEFAULT_BASE = 0x7f00_0000_0000L;

    private final byte[] memory;
    private final long base;

    private SimulatedArena(byte[] memory, long base) {
        this.memory = memory;
        this.base = base;
    }

    public static SimulatedArena load(Arena arena) {
        return load(arena, DEFAULT_BASE);
    }

    public static SimulatedArena load(Arena arena, long base) {
        if (base % 8 != 0) {
            throw new IllegalArgumentException("arena base must be 8-byte aligned");
        }
        SimulatedArena loaded = new SimulatedArena(arena.image(), base);
        for (Relocation r : arena.relocations()) {
            loaded.putLong(r.at(), loaded.getLong(r.at()) + base);
        }
        return loaded;
    }

    public long base() {
        return base;
    }

    public int size() {
        return memory.length;
    }

    public long address(int offset) {
        return base + offset;
    }

    public boolean contains(long address) {
        return address >= base && address < base + memory.length;
    }

    /** The arena offset of {@code address}, if it points into the arena. */
    public Optional<Integer> offsetOf(long address) {
        return contains(address) ? Optional.of((int) (address - base)) : Optional.empty();
    }

    public long readLong(long address) {
        return getLong(offsetChecked(address, 8));
    }

    public void writeLong(long address, long value) {
        putLong(offsetChecked(address, 8), value);
    }

    /** The NUL-terminated UTF-8 string at {@code address} (up to the arena's end if there is no NUL). */
    public String readCString(long address) {
        int at = offsetChecked(address, 1);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        while (at < memory.length && memory[at] != 0) {
            text.write(memory[at++]);
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    /**
     * The strings of a NULL-terminated pointer array (argv, envp) at {@code address}, if it is one: aligned, and
     * every word up to a 0 points into the arena. Empty otherwise.
     */
    public Optional<List<String>> readStringArray(long address) {
        if (!contains(address) || (address - base) % 8 != 0) {
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        for (long at = address; at + 8 <= base + memory.length; at += 8) {
            long word = readLong(at);
            if (word == 0) {
                return items.isEmpty() ? Optional.empty() : Optional.of(items);
            }
            if (!contains(word)) {
                return Optional.empty();
            }
            items.add(readCString(word));
        }
        return Optional.empty();
    }

    /** A copy of the current memory, relocated and with every STORE so far. */
    public byte[] snapshot() {
        return memory.clone();
    }

    private int offsetChecked(long address, int length) {
        if (address < base || address + length > base + memory.length) {
            throw new IllegalArgumentException(String.format(
                    "address 0x%x (+%d) is outside the arena [0x%x, 0x%x)", address, length, base, base + memory.length));
        }
        return (int) (address - base);
    }

    private long getLong(int at) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (memory[at + i] & 0xff);
        }
        return value;
    }

    private void putLong(int at, long value) {
        for (int i = 0; i < 8; i++) {
            memory[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
