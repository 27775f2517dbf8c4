package dev.jrun.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void goSpellings() {
        assertEquals(5_000_000_000L, GoDuration.parseNanos("5s"));
        assertEquals(300_000_000L, GoDuration.parseNanos("300ms"));
        assertEquals(1_500_000_000L, GoDuration.parseNanos("1.5s"));
        assertEquals(9_900_000_000_000L, GoDuration.parseNanos("2h45m"));
        assertEquals(1_000L, GoDuration.parseNanos("1us"));
        assertEquals(1_000L, GoDuration.parseNanos("1\u00b5s"));
        assertEquals(500_000_000L, GoDuration.parseNanos(".5s"));
        assertEquals(0, GoDuration.parseNanos("0"));
        assertEquals(-1_000_000_000L, GoDuration.parseNanos("-1s"));
    }

    @Test
    void refusesWhatGoRefuses() {
        for (String bad : new String[] {"", "1", "1x", "s", "5 s", "1..5s", "-", "10000000h"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos(bad),
                    bad);
            assertEquals("time: invalid duration \"" + bad + "\"", e.getMessage());
        }
    }
}
