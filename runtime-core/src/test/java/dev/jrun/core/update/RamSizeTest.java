package dev.jrun.core.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RamSizeTest {
    @Test
    void binaryUnitsInEveryGoUnitsSpelling() {
        assertEquals(100, RamSize.parse("100"));
        assertEquals(100, RamSize.parse("100b"));
        assertEquals(1024, RamSize.parse("1k"));
        assertEquals(1024, RamSize.parse("1KiB"));
        assertEquals(100L << 20, RamSize.parse("100m"));
        assertEquals(100L << 20, RamSize.parse("100 MB"));
        assertEquals(3L << 30, RamSize.parse("3g"));
        assertEquals(1L << 40, RamSize.parse("1T"));
        assertEquals(1L << 50, RamSize.parse("1p"));
        assertEquals(1536, RamSize.parse("1.5k"));
        assertEquals(1, RamSize.parse("1.9"));
    }

    @Test
    void refusals() {
        assertEquals("invalid size: '1q'", assertThrows(IllegalArgumentException.class, () -> RamSize.parse("1q"))
                .getMessage());
        assertEquals("invalid size: '-5m'", assertThrows(IllegalArgumentException.class, () -> RamSize.parse("-5m"))
                .getMessage());
        assertEquals("invalid size: ''", assertThrows(IllegalArgumentException.class, () -> RamSize.parse(""))
                .getMessage());
        assertEquals("strconv.ParseFloat: parsing \"1.2.3\": invalid syntax",
                assertThrows(IllegalArgumentException.class, () -> RamSize.parse("1.2.3k")).getMessage());
    }
}
