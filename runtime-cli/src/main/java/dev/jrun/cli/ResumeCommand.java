package dev.jrun.cli;

import dev.jrun.core.JrunException;
import dev.jrun.core.state.ContainerIds;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.ContainerStatus;
import dev.jrun.core.state.StateStore;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "resume", description = {"resumes all processes that have been previously paused", "",
    "Where \"<container-id>\" is the name for the instance of the container to be resumed.", "",
    "The resume command resumes all processes in the instance of the container.", "",
    "Use jrun list to identify instances of containers and their current status."})
final class ResumeCommand extends JrunSubcommand {
    @Parameters(index = "0", paramLabel = "<container-id>", description = "the container's id")
    String id;

    CgroupLoader cgroups = CgroupLoader.FROM_STATE_DIR;

    @Override
    public Integer call() {
        ContainerIds.check(id);
        Path root = globals().root();
        ContainerState state = new StateStore(root).require(id);
        if (CgroupFreezeProbe.resolver(root, cgroups).resolve(state) != ContainerStatus.PAUSED) {
            throw new JrunException("container not paused");
        }
        cgroups.require(root.resolve(id), id).thaw();
        return 0;
    }

    @Override
    String describe() {
        return "resume " + id;
    }
}
