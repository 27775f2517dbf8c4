package dev.jrun.linux.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrun.linux.plan.Arena;
import dev.jrun.linux.plan.ArenaBuilder;
import dev.jrun.linux.plan.SimulatedArena;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeArenaTest {

    private static Arena sample() {
        ArenaBuilder b = new ArenaBuilder();
        b.string("/bin/sh");
        b.stringArray(List.of("sh", "-c", "echo hi"));
        b.slot(0x1122_3344_5566_7788L);
        int block = b.bytes(new byte[16], 8);
        b.pointerAt(block + 8, b.string("target"));
        return b.build();
    }

    @Test
    void imageIsRelocatedExactlyAsTheSimulationDoesAtTheSameBase() {
        Arena image = sample();
        try (NativeArena arena = NativeArena.load(image)) {
            byte[] expected = SimulatedArena.load(image, arena.address()).snapshot();
            assertArrayEquals(expected, arena.snapshot());
            assertEquals(image.size(), arena.size());
        }
    }

    @Test
    void pointersPointAtTheirStrings() {
        ArenaBuilder b = new ArenaBuilder();
        int argv = b.stringArray(List.of("sh", "-c"));
        try (NativeArena arena = NativeArena.load(b.build())) {
            long first = arena.readLong(argv);
            long second = arena.readLong(argv + 8);
            assertEquals("sh", arena.readCString((int) (first - arena.address())));
            assertEquals("-c", arena.readCString((int) (second - arena.address())));
            assertEquals(0, arena.readLong(argv + 16), "NULL terminator");
        }
    }

    @Test
    void writesAreReadBackAndBoundsAreChecked() {
        ArenaBuilder b = new ArenaBuilder();
        int slot = b.slot();
        try (NativeArena arena = NativeArena.load(b.build())) {
            assertEquals(0, arena.readLong(slot));
            arena.writeLong(slot, -42);
            assertEquals(-42, arena.readLong(slot));
            assertEquals(arena.address() + 8, arena.address(8));
            assertThrows(IndexOutOfBoundsException.class, () -> arena.readLong(8));
            assertThrows(IndexOutOfBoundsException.class, () -> arena.writeLong(-8, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> arena.address(9));
        }
    }

    @Test
    void anEmptyArenaStillHasAnAddress() {
        try (NativeArena arena = NativeArena.load(new ArenaBuilder().build())) {
            assertEquals(0, arena.size());
            assertEquals(0, arena.address() % 8);
            assertEquals("", arena.readCString(0));
        }
    }
}
