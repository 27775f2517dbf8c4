package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrun.core.JrunException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalArgumentTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "KILL, 9", "SIGKILL, 9", "kill, 9", "sigkill, 9", "SigTerm, 15", "TERM, 15", "HUP, 1", "INT, 2", "QUIT, 3",
        "USR1, 10", "USR2, 12", "CHLD, 17", "CLD, 17", "CONT, 18", "STOP, 19", "WINCH, 28", "IO, 29", "POLL, 29",
        "IOT, 6", "ABRT, 6", "PWR, 30", "SYS, 31", "9, 9", "15, 15", "0, 0", "64, 64", "999, 999",
    })
    void parsesNamesAndNumbersAsRuncDoes(String raw, int expected) {
        assertEquals(expected, SignalArgument.parse(raw));
    }

    @Test
    void anUnknownNameIsRuncsError() {
        JrunException e = assertThrows(JrunException.class, () -> SignalArgument.parse("FOO"));
        assertEquals("unknown signal \"FOO\"", e.getMessage());
        assertEquals("unknown signal \"sigusr1x\"",
                assertThrows(JrunException.class, () -> SignalArgument.parse("sigusr1x")).getMessage());
        assertThrows(JrunException.class, () -> SignalArgument.parse("SIG"));
        assertThrows(JrunException.class, () -> SignalArgument.parse(""));
    }

    @Test
    void namesForMessages() {
        assertEquals("SIGTERM", SignalArgument.name(15));
        assertEquals("signal 40", SignalArgument.name(40));
    }
}
