package dev.jrun.cli;

import dev.jrun.core.state.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "start", description = {"executes the user defined process in a created container", "",
    "Where \"<container-id>\" is your name for the instance of the container that you are starting. The name you"
            + " provide for the container instance must be unique on your host.", "",
    "The start command executes the user defined process in a created container."})
final class StartCommand extends JrunSubcommand {
    @Parameters(index = "0", paramLabel = "<container-id>", description = "the container's id")
    String id;

    @Override
    public Integer call() {
        ContainerStart.start(new StateStore(globals().root()), id);
        return 0;
    }

    @Override
    String describe() {
        return "start " + id;
    }
}
