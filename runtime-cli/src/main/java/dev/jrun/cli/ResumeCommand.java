package dev.jrun.cli;

import dev.jrun.core.JrunException;
import dev.jrun.core.state.ContainerStatus;
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
        CgroupTarget target = CgroupTarget.of(globals().root(), id, cgroups);
        if (target.status() != ContainerStatus.PAUSED) {
            throw new JrunException("container not paused");
        }
        target.manager().thaw();
        return 0;
    }

    @Override
    String describe() {
        return "resume " + id;
    }
}
