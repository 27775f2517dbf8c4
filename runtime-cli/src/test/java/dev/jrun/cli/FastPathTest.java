package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path must parse exactly as picocli does, or step aside. */
class FastPathTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "state c1",
        "--root /tmp/r state c1",
        "--root=/tmp/r state c1",
        "-root /tmp/r state c1",
        "--log /tmp/l.json --log-format json state c1",
        "--log=/tmp/l.json --log-format=json state c1",
        "--debug --systemd-cgroup --rootless true state c1",
        "--rootless=false --criu /usr/sbin/criu list",
        "-debug -log /x -log-format text list",
        "list",
        "list -q",
        "list --quiet --format json",
        "list -f table",
        "list --format=json",
        "--root /r version",
        "version",
    })
    void fastPathParsesLikePicocli(String line) {
        String[] args = line.split(" ");
        JrunSubcommand fast = FastPath.parse(args);
        assertNotNull(fast, "fast path should take: " + line);
        JrunSubcommand full = (JrunSubcommand) PicocliRunner.parseOnly(args);
        assertEquals(full.describe(), fast.describe(), line);
        assertEquals(full.globals().describe(), fast.globals().describe(), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "--help", "-h", "state", "state a b", "state --help", "--log-format xml list", "--rootless maybe list",
        "list --bogus", "list -f", "--root", "--bogus list", "spec", "features", "--version list", "--debug=true list",
        "validate -b x", "version extra",
    })
    void fastPathLeavesTheRestToPicocli(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertNull(FastPath.parse(args), "fast path must not take: '" + line + "'");
    }

    @org.junit.jupiter.api.Test
    void versionFlagParsesToTheVersionCommand() {
        assertEquals("version", FastPath.parse(new String[] {"--version"}).describe());
        assertEquals("version", FastPath.parse(new String[] {"-v"}).describe());
    }
}
