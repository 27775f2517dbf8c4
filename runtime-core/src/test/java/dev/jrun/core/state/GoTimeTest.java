package dev.jrun.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoTimeTest {
    @Test
    void formatsLikeRfc3339NanoInUtc() {
        assertEquals("2026-12-02T14:01:19.065313532Z", GoTime.format(Instant.parse("2026-12-02T14:01:19.065313532Z")));
        assertEquals("2026-12-02T14:01:19.0653Z", GoTime.format(Instant.parse("2026-12-02T14:01:19.065300000Z")));
        assertEquals("2026-12-02T14:01:19.5Z", GoTime.format(Instant.parse("2026-12-02T14:01:19.500Z")));
        assertEquals("2026-12-02T14:01:19.000000001Z", GoTime.format(Instant.parse("2026-12-02T14:01:19.000000001Z")));
        assertEquals("2026-12-02T14:01:19Z", GoTime.format(Instant.parse("2026-12-02T14:01:19Z")));
        assertEquals("1970-01-01T00:00:00Z", GoTime.format(Instant.EPOCH));
    }

    @Test
    void parsesWhatItFormatsAndOtherOffsets() {
        Instant t = Instant.parse("2026-12-02T14:01:19.065313532Z");
        assertEquals(t, GoTime.parse(GoTime.format(t)));
        assertEquals(Instant.parse("2026-12-02T12:01:19Z"), GoTime.parse("2026-12-02T14:01:19+02:00"));
        assertEquals(Instant.parse("2026-12-02T14:01:19.1Z"), GoTime.parse("2026-12-02T14:01:19.1Z"));
    }

    @Test
    void rejectsGarbage() {
        assertThrows(IllegalArgumentException.class, () -> GoTime.parse("yesterday"));
        assertThrows(IllegalArgumentException.class, () -> GoTime.parse("2026-12-02T14:01:19"));
    }

    @org.junit.jupiter.api.Test
    void fastUtcParserAgreesWithJavaTime() {
        for (String t : new String[] {"1970-01-01T00:00:00Z", "2026-12-02T14:01:19.065313532Z", "2024-02-29T23:59:59.9Z",
            "0999-01-01T00:00:00.000000001Z", "2026-12-02T14:01:19.120Z"}) {
            assertEquals(Instant.parse(t), GoTime.parse(t), t);
            assertEquals(t.replace(".120Z", ".12Z"), GoTime.format(Instant.parse(t)), t);
        }
        for (String bad : new String[] {"2026-13-02T14:01:19Z", "2026-02-30T14:01:19Z",
            "2026-12-02T14:01:19.0653135321Z", "2026-12-02 14:01:19Z", "garbage"}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> GoTime.parse(bad), bad);
        }
    }

    @org.junit.jupiter.api.Test
    void calendarArithmeticAgreesWithJavaTimeOverFourHundredYears() {
        for (long day = java.time.LocalDate.of(1900, 1, 1).toEpochDay(); day < java.time.LocalDate.of(2301, 1, 1)
                .toEpochDay(); day++) {
            java.time.LocalDate d = java.time.LocalDate.ofEpochDay(day);
            long[] ymd = GoTime.civilFromDays(day);
            assertEquals(d.getYear(), ymd[0]);
            assertEquals(d.getMonthValue(), ymd[1]);
            assertEquals(d.getDayOfMonth(), ymd[2]);
            assertEquals(day, GoTime.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
        }
        Instant t = Instant.parse("1969-12-31T23:59:59.5Z");
        assertEquals("1969-12-31T23:59:59.5Z", GoTime.format(t));
        assertEquals(t, GoTime.parse("1969-12-31T23:59:59.5Z"));
    }
}
