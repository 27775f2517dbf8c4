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
        "create c1",
        "--root /r create --bundle /b c1",
        "create -b /b --pid-file /p c1",
        "create --bundle=/b --pid-file=/p --no-pivot --no-new-keyring --preserve-fds 2 c1",
        "create c1 -bundle /b -pid-file /p -no-pivot",
        "create --console-socket /s c1",
        "run c1",
        "run -d --keep -b /b c1",
        "run --detach --pid-file /p --no-subreaper --no-pivot --preserve-fds=0 bundle/",
        "run -detach -keep ./b",
        "start c1",
        "kill c1",
        "kill c1 KILL",
        "kill -a c1 9",
        "kill --all c1 SIGTERM",
        "kill -all c1",
        "delete c1",
        "delete -f c1",
        "delete --force c1",
        "delete -force c1",
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
        "create", "create a b", "create --bundle", "create --bundle /a --bundle /b c1", "create --preserve-fds x c1",
        "create --no-pivot=true c1", "create --help", "create -h c1", "create --bogus c1", "run", "start",
        "start a b", "start -f c1", "kill", "kill a b c", "kill --force c1", "delete", "delete -a c1",
        "delete --force=true c1", "run -- c1", "create -x c1",
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
