package dev.jrun.linux.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.jrun.linux.plan.Arena;
import dev.jrun.linux.plan.Relocation;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;

/**
 * A plan's {@link Arena} copied into native memory, with every {@link Relocation} patched to a real address (base +
 * target), so the kernel can read the strings, arrays and structs the ops point at and write into its slots.
 *
 * <p><b>What lives here, and what does not.</b> Only the arena image: what the <em>kernel</em> must reach by
 * address. The encoded plan words, registers and failure record stay in Java {@code long[]}s allocated before the
 * clone (see {@link LoadedPlan}): the kernel never reads them, and a Java array read is a plain bytecode, whereas
 * reading plan words through {@link Pointer#getLong} would make one JNI transition (with a safepoint check on its
 * return) per word — the exact kind of point where a cloned child can hang. A pre-allocated array is as
 * allocation-free in the child as native memory is.
 *
 * <p><b>Zeroing.</b> {@code new Memory(n)} is malloc: not zeroed. The memory is cleared before the image is copied,
 * so bytes past the image (the allocation is at least 8 bytes, even for an empty arena) read as 0, like the image's
 * padding.
 *
 * <p><b>Reachability.</b> JNA frees a {@link Memory} when it becomes unreachable, and the JIT may consider an object
 * unreachable as soon as its last field was read — even while the kernel is still using the raw address taken from
 * it. Every method that hands or uses the address ends with {@link Reference#reachabilityFence}{@code (this)}, and
 * {@link PlanExecutor} fences the arena after its loop; callers that keep a raw {@link #address()} must keep the
 * arena reachable themselves (hold it, and fence it after the last use of the address).
 */
public final class NativeArena implements AutoCloseable {
    private static final int MIN_ALLOCATION = 8; // JNA refuses a 0-byte Memory

    private final Memory memory;
    private final long base;
    private final int size;

    private NativeArena(Memory memory, int size) {
        this.memory = memory;
        this.base = Pointer.nativeValue(memory);
        this.size = size;
    }

    /** Allocates, zeroes, copies {@code arena}'s image and relocates its pointers. */
    public static NativeArena load(Arena arena) {
        int size = arena.size();
        Memory memory = new Memory(Math.max(size, MIN_ALLOCATION));
        memory.clear();
        NativeArena loaded = new NativeArena(memory, size);
        if (loaded.base % 8 != 0) {
            // malloc aligns to 16 on x86_64 glibc; STORE and the kernel's structs rely on 8.
            memory.close();
            throw new IllegalStateException("native arena at 0x" + Long.toHexString(loaded.base) + " is not 8-aligned");
        }
        memory.write(0, arena.image(), 0, size);
        for (Relocation r : arena.relocations()) {
            memory.setLong(r.at(), loaded.base + r.target());
        }
        Reference.reachabilityFence(loaded);
        return loaded;
    }

    /** The native address of offset 0. Keep this arena reachable while the address is in use. */
    public long address() {
        return base;
    }

    public long address(int offset) {
        checkOffset(offset, 0);
        return base + offset;
    }

    /** The arena's size in bytes (the image's, not the allocation's). */
    public int size() {
        return size;
    }

    public long readLong(int offset) {
        checkOffset(offset, 8);
        long value = memory.getLong(offset);
        Reference.reachabilityFence(this);
        return value;
    }

    public void writeLong(int offset, long value) {
        checkOffset(offset, 8);
        memory.setLong(offset, value);
        Reference.reachabilityFence(this);
    }

    /** The NUL-terminated UTF-8 string at {@code offset}, up to the arena's end if there is no NUL. */
    public String readCString(int offset) {
        checkOffset(offset, 0);
        int end = offset;
        while (end < size && memory.getByte(end) != 0) {
            end++;
        }
        byte[] bytes = memory.getByteArray(offset, end - offset);
        Reference.reachabilityFence(this);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A copy of the arena as it is now: relocated, with whatever the kernel and STOREs wrote. */
    public byte[] snapshot() {
        byte[] bytes = memory.getByteArray(0, size);
        Reference.reachabilityFence(this);
        return bytes;
    }

    /** The memory the executor's STORE writes through; package-private so no one else gets a raw handle. */
    Memory memory() {
        return memory;
    }

    /** Frees the memory now rather than at GC. Only when no clone and no kernel call still uses the address. */
    @Override
    public void close() {
        memory.close();
    }

    private void checkOffset(int offset, int length) {
        if (offset < 0 || offset + length > size) {
            throw new IndexOutOfBoundsException(
                    "offset " + offset + " (+" + length + ") is outside the arena (" + size + " bytes)");
        }
    }
}
