package dev.jrun.cli;

import dev.jrun.core.state.ContainerIds;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.StateJson;
import dev.jrun.core.state.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "state", description = "output the state of a container")
final class StateCommand extends JrunSubcommand {
    @Parameters(index = "0", paramLabel = "<container-id>", description = "the container's id")
    String id;

    @Override
    public Integer call() {
        ContainerIds.check(id);
        ContainerState stored = new StateStore(globals().root()).require(id);
        ContainerState current = CgroupFreezeProbe.resolver(globals().root(), CgroupLoader.FROM_STATE_DIR)
                .current(stored);
        System.out.print(StateJson.renderState(current));
        return 0;
    }

    @Override
    String describe() {
        return "state " + id;
    }
}
