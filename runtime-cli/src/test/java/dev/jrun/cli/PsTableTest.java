package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PsTableTest {
    private static final String PS_EF = """
            UID        PID  PPID  C STIME TTY          TIME CMD
            root         1     0  0 19:00 ?        00:00:01 /sbin/init
            root      5632     1  0 19:26 ?        00:00:00 sleep 1000
            root     15632  5632  0 19:26 ?        00:00:00 sh -c yes
            root       563     1  0 19:26 ?        00:00:00 other
            """;

    @Test
    void keepsTheHeaderAndTheContainersLinesByThePidColumn() {
        assertEquals("""
                UID        PID  PPID  C STIME TTY          TIME CMD
                root      5632     1  0 19:26 ?        00:00:00 sleep 1000
                root     15632  5632  0 19:26 ?        00:00:00 sh -c yes
                """, PsTable.filter(PS_EF, List.of(5632, 15632)));
    }

    @Test
    void pidColumnMayBeAnywhere() {
        String out = "  PID COMMAND\n    1 init\n 5632 sleep\n";
        assertEquals("  PID COMMAND\n 5632 sleep\n", PsTable.filter(out, List.of(5632)));
        assertEquals("  PID COMMAND\n", PsTable.filter(out, List.of()));
    }

    @Test
    void runcsErrors() {
        assertEquals("couldn't find PID field in ps output", assertThrows(IllegalArgumentException.class,
                () -> PsTable.filter("USER COMMAND\nroot init\n", List.of(1))).getMessage());
        assertEquals("unable to parse pid: strconv.Atoi: parsing \"x\": invalid syntax",
                assertThrows(IllegalArgumentException.class, () -> PsTable.filter("PID CMD\nx init\n", List.of(1)))
                        .getMessage());
    }

    @Test
    void jsonIsGosEncodingOfThePidSlice() {
        assertEquals("[1934]\n", PsTable.json(List.of(1934)));
        assertEquals("[1,2,3]\n", PsTable.json(List.of(1, 2, 3)));
        assertEquals("null\n", PsTable.json(List.of()));
    }
}
