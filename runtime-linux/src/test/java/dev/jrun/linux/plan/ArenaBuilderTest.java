package dev.jrun.linux.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArenaBuilderTest {

    @Test
    void laysOutStringsArraysSlotsAndBlocksAtExpectedOffsets() {
        ArenaBuilder b = new ArenaBuilder();
        int path = b.string("/a");                         // 0..2
        int argv = b.stringArray(List.of("sh", "-c"));     // "sh" 3..5, "-c" 6..8, array aligned at 16
        int slot = b.slot(42);                             // 40
        int block = b.bytes(new byte[] {1, 2, 3}, 4);      // 48..50
        Arena arena = b.build();

        assertEquals(0, path);
        assertEquals(16, argv);
        assertEquals(40, slot);
        assertEquals(48, block);
        assertEquals(56, arena.size(), "padded to a multiple of 8");
        assertEquals(List.of(new Relocation(16, 3), new Relocation(24, 6)), arena.relocations());

        byte[] image = arena.image();
        assertArrayEquals(new byte[] {'/', 'a', 0, 's', 'h', 0, '-', 'c', 0}, java.util.Arrays.copyOf(image, 9));
        ByteBuffer words = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(3, words.getLong(16), "unrelocated pointers hold their target offset");
        assertEquals(6, words.getLong(24));
        assertEquals(0, words.getLong(32), "argv is NULL-terminated");
        assertEquals(42, words.getLong(40));
        assertArrayEquals(new byte[] {1, 2, 3, 0, 0, 0, 0, 0}, java.util.Arrays.copyOfRange(image, 48, 56));
    }

    @Test
    void loadingAddsTheBaseToEveryRelocatedWord() {
        ArenaBuilder b = new ArenaBuilder();
        int argv = b.stringArray(List.of("sh", "-c", "echo hi"));
        SimulatedArena loaded = SimulatedArena.load(b.build(), 0x10000);

        assertEquals(16, argv);
        assertEquals(0x10000 + 0, loaded.readLong(0x10000 + 16));
        assertEquals(0x10000 + 3, loaded.readLong(0x10000 + 24));
        assertEquals(0x10000 + 6, loaded.readLong(0x10000 + 32));
        assertEquals(0, loaded.readLong(0x10000 + 40));
        assertEquals(Optional.of(List.of("sh", "-c", "echo hi")), loaded.readStringArray(0x10000 + 16));
        assertEquals("-c", loaded.readCString(0x10000 + 3));
    }

    @Test
    void pointerInsideAStructIsRelocated() {
        // struct sock_fprog { unsigned short len; struct sock_filter *filter; }: the pointer sits at +8.
        ArenaBuilder b = new ArenaBuilder();
        b.string("x");                                     // makes the next block need alignment
        int filter = b.bytes(new byte[16], 8);
        int fprog = b.bytes(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8);
        b.pointerAt(fprog + 8, filter);
        Arena arena = b.build();

        assertEquals(8, filter);
        assertEquals(24, fprog);
        assertEquals(List.of(new Relocation(32, 8)), arena.relocations());
        assertEquals(0x2000 + 8, SimulatedArena.load(arena, 0x2000).readLong(0x2000 + 32));
    }

    @Test
    void pointerSlotAndEmptyArray() {
        ArenaBuilder b = new ArenaBuilder();
        int s = b.string("abc");
        int ptr = b.pointerSlot(s);
        int empty = b.pointerArray();
        assertEquals(8, ptr);
        assertEquals(16, empty);
        assertEquals(24, b.build().size());
        assertEquals(List.of(new Relocation(8, 0)), b.build().relocations());
    }

    @Test
    void rejectsStringsWithNulAndBadPointers() {
        ArenaBuilder b = new ArenaBuilder();
        assertThrows(IllegalArgumentException.class, () -> b.string("a\0b"));
        b.slot();
        assertThrows(IllegalArgumentException.class, () -> b.pointerAt(0, 8), "target past the end");
        assertThrows(IllegalArgumentException.class, () -> b.pointerAt(8, 0), "slot past the end");
        b.string("abcdefghijk");
        assertThrows(IllegalArgumentException.class, () -> b.pointerAt(3, 0), "misaligned slot");
        assertThrows(IllegalArgumentException.class, () -> b.bytes(new byte[1], 3));
    }
}
