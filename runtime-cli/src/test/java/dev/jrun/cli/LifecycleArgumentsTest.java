package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The lifecycle commands parse runc's flags, in runc's spellings, to the right fields. */
class LifecycleArgumentsTest {
    private static String parsed(String line) {
        return ((JrunSubcommand) PicocliRunner.parseOnly(line.split(" "))).describe();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "create c1 | create c1 bundle=null pidFile=null consoleSocket=null noPivot=false noNewKeyring=false preserveFds=0",
        "create -b /b --pid-file /p c1 | create c1 bundle=/b pidFile=/p consoleSocket=null noPivot=false noNewKeyring=false preserveFds=0",
        "create --bundle=/b c1 --no-pivot --no-new-keyring --preserve-fds 3 | create c1 bundle=/b pidFile=null consoleSocket=null noPivot=true noNewKeyring=true preserveFds=3",
        "create -bundle /b -pid-file /p -preserve-fds=2 c1 | create c1 bundle=/b pidFile=/p consoleSocket=null noPivot=false noNewKeyring=false preserveFds=2",
        "create --console-socket /s c1 | create c1 bundle=null pidFile=null consoleSocket=/s noPivot=false noNewKeyring=false preserveFds=0",
        "start c1 | start c1",
        "kill c1 | kill c1 signal=null all=false",
        "kill c1 KILL | kill c1 signal=KILL all=false",
        "kill --all c1 9 | kill c1 signal=9 all=true",
        "kill -a c1 SIGUSR1 | kill c1 signal=SIGUSR1 all=true",
        "delete c1 | delete c1 force=false",
        "delete --force c1 | delete c1 force=true",
        "delete -f c1 | delete c1 force=true",
        "run c1 | run c1 bundle=null detach=false keep=false pidFile=null consoleSocket=null noSubreaper=false noPivot=false noNewKeyring=false preserveFds=0",
        "run -d -b /b --pid-file /p c1 | run c1 bundle=/b detach=true keep=false pidFile=/p consoleSocket=null noSubreaper=false noPivot=false noNewKeyring=false preserveFds=0",
        "run --detach --keep --no-pivot --no-new-keyring --no-subreaper --preserve-fds 1 bundle/ | run bundle/ bundle=null detach=true keep=true pidFile=null consoleSocket=null noSubreaper=true noPivot=true noNewKeyring=true preserveFds=1",
    })
    void flagsParseToTheirFields(String line, String expected) {
        assertEquals(expected, parsed(line));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "create", "create a b", "start", "start a b", "kill", "kill a b c", "delete", "delete a b", "run",
        "create --preserve-fds abc c1", "create --bogus c1",
    })
    void wrongArgumentsAreUsageErrors(String line) {
        assertThrows(CommandLine.ParameterException.class, () -> PicocliRunner.parseOnly(line.split(" ")));
    }

    @Test
    void aWrongArgumentCountExitsOneAsRuncDoes() {
        assertEquals(1, Main.run(new String[] {"start"}));
        assertEquals(1, Main.run(new String[] {"kill", "a", "b", "c"}));
    }

    @Test
    void helpShowsRuncsTexts() {
        String create = new CommandLine(new RootCommand()).getSubcommands().get("create").getUsageMessage().replaceAll("\\s+", " ");
        assertTrue(create.contains("path to the root of the bundle directory, defaults to the current directory"), create);
        assertTrue(create.contains("--preserve-fds"), create);
        String kill = new CommandLine(new RootCommand()).getSubcommands().get("kill").getUsageMessage().replaceAll("\\s+", " ");
        assertTrue(kill.contains("kill sends the specified signal (default: SIGTERM) to the container's init process"),
                kill);
        assertTrue(kill.contains("send the specified signal to all processes inside the container"), kill);
        String delete = new CommandLine(new RootCommand()).getSubcommands().get("delete").getUsageMessage().replaceAll("\\s+", " ");
        assertTrue(delete.contains("Forcibly deletes the container if it is still running (uses SIGKILL)"), delete);
        String run = new CommandLine(new RootCommand()).getSubcommands().get("run").getUsageMessage().replaceAll("\\s+", " ");
        assertTrue(run.contains("detach from the container's process"), run);
        assertTrue(run.contains("do not delete the container after it exits"), run);
    }
}
