package dev.jrun.cli;

import dev.jrun.core.state.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = {
    "delete any resources held by the container often used with detached container", "",
    "Where \"<container-id>\" is the name for the instance of the container.", "",
    "EXAMPLE:", "For example, if the container id is \"ubuntu01\" and jrun list currently shows the status of"
            + " \"ubuntu01\" as \"stopped\" the following will delete resources held for \"ubuntu01\" removing"
            + " \"ubuntu01\" from the jrun list of containers:", "",
    "       # jrun delete ubuntu01"})
final class DeleteCommand extends JrunSubcommand {
    @Parameters(index = "0", paramLabel = "<container-id>", description = "the container's id")
    String id;

    @Option(names = {"-f", "--force"},
            description = "Forcibly deletes the container if it is still running (uses SIGKILL)")
    boolean force;

    // Go's flag package also takes one dash; hidden so that help lists each flag once.
    @Option(names = "-force", hidden = true)
    void forceGoSpelling(boolean value) {
        force = value;
    }

    @Override
    public Integer call() {
        ContainerDelete.delete(new StateStore(globals().root()), id, force);
        return 0;
    }

    @Override
    String describe() {
        return "delete " + id + " force=" + force;
    }
}
