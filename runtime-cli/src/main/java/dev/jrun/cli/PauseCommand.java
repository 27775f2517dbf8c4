package dev.jrun.cli;

import dev.jrun.core.JrunException;
import dev.jrun.core.state.ContainerStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "pause", description = {"pause suspends all processes inside the container", "",
    "Where \"<container-id>\" is the name for the instance of the container to be paused.", "",
    "The pause command suspends all processes in the instance of the container.", "",
    "Use jrun list to identify instances of containers and their current status."})
final class PauseCommand extends JrunSubcommand {
    @Parameters(index = "0", paramLabel = "<container-id>", description = "the container's id")
    String id;

    CgroupLoader cgroups = CgroupLoader.FROM_STATE_DIR;

    @Override
    public Integer call() {
        CgroupTarget target = CgroupTarget.of(globals().root(), id, cgroups);
        ContainerStatus status = target.status();
        // runc pauses a created or running container; paused again is "not running" too.
        if (status != ContainerStatus.RUNNING && status != ContainerStatus.CREATED) {
            throw new JrunException("container not running");
        }
        target.manager().freeze();
        return 0;
    }

    @Override
    String describe() {
        return "pause " + id;
    }
}
