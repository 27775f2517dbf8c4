package dev.jrun.linux.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrun.core.JrunException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignalsTest {
    @Test
    void namesWithOrWithoutSigInAnyCase() {
        assertEquals(9, Signals.parse("KILL"));
        assertEquals(9, Signals.parse("SIGKILL"));
        assertEquals(9, Signals.parse("sigkill"));
        assertEquals(9, Signals.parse("kill"));
        assertEquals(15, Signals.parse("Term"));
        assertEquals(1, Signals.parse("HUP"));
        assertEquals(16, Signals.parse("STKFLT"));
        assertEquals(31, Signals.parse("SIGSYS"));
    }

    @Test
    void numbersAreTakenAsIsLikeGoAtoi() {
        assertEquals(9, Signals.parse("9"));
        assertEquals(9, Signals.parse("+9"));
        assertEquals(9, Signals.parse("09"));
        assertEquals(34, Signals.parse("34"));
        assertEquals(64, Signals.parse("64"));
        assertEquals(0, Signals.parse("0"));
        assertEquals(-1, Signals.parse("-1"));
        assertEquals(100, Signals.parse("100"));
    }

    @Test
    void unknownNamesAreRefusedInRuncsWords() {
        assertEquals("unknown signal \"FOO\"", assertThrows(JrunException.class, () -> Signals.parse("FOO")).getMessage());
        // x/sys/unix's table has no real-time names and no aliases.
        assertThrows(JrunException.class, () -> Signals.parse("SIGRTMIN"));
        assertThrows(JrunException.class, () -> Signals.parse("RTMIN+1"));
        assertThrows(JrunException.class, () -> Signals.parse("SIGIOT"));
        assertThrows(JrunException.class, () -> Signals.parse("SIGCLD"));
        assertThrows(JrunException.class, () -> Signals.parse(""));
        assertThrows(JrunException.class, () -> Signals.parse(" 9"));
        assertThrows(JrunException.class, () -> Signals.parse("9x"));
        assertThrows(JrunException.class, () -> Signals.parse("99999999999"));
    }

    @Test
    void numberToName() {
        assertEquals(Optional.of("SIGKILL"), Signals.name(9));
        assertEquals(Optional.of("SIGHUP"), Signals.name(1));
        assertEquals(Optional.of("SIGSYS"), Signals.name(31));
        assertEquals(Optional.empty(), Signals.name(0));
        assertEquals(Optional.empty(), Signals.name(34));
        for (int i = 1; i <= 31; i++) {
            assertEquals(i, Signals.parse(Signals.name(i).orElseThrow()));
        }
    }
}
