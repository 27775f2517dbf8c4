package dev.jrun.cli;

import dev.jrun.core.JrunException;
import dev.jrun.core.state.ContainerIds;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.ContainerStatus;
import dev.jrun.core.state.StateStore;
import dev.jrun.linux.container.ProcessControl;
import dev.jrun.linux.process.Signals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "kill", description = {
    "kill sends the specified signal (default: SIGTERM) to the container's init process", "",
    "Where \"<container-id>\" is the name for the instance of the container and \"[signal]\" is the signal to be"
            + " sent to the init process.", "",
    "EXAMPLE:", "For example, if the container id is \"ubuntu01\" the following will send a \"KILL\" signal to the"
            + " init process of the \"ubuntu01\" container:", "",
    "       # jrun kill ubuntu01 KILL"})
final class KillCommand extends JrunSubcommand {
    @Parameters(index = "0", paramLabel = "<container-id>", description = "the container's id")
    String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "[signal]",
            description = "a name (KILL, SIGKILL, kill) or number (default: SIGTERM)")
    String signal;

    @Option(names = {"-a", "--all"}, description = "send the specified signal to all processes inside the container")
    boolean all;

    // Go's flag package also takes one dash; hidden so that help lists each flag once.
    @Option(names = "-all", hidden = true)
    void allGoSpelling(boolean value) {
        all = value;
    }

    CgroupLoader cgroups = CgroupLoader.FROM_STATE_DIR;

    @Override
    public Integer call() {
        ContainerIds.check(id);
        StateStore store = new StateStore(globals().root());
        ContainerState state = store.require(id); // runc: a missing container before a bad signal
        int sig = signal == null ? Signals.SIGTERM : Signals.parse(signal);
        java.nio.file.Path root = globals().root();
        ContainerStatus status = CgroupFreezeProbe.resolver(root, cgroups).resolve(state);
        if (all) {
            // runc 1.1.5 signals the cgroup whatever the status; a stopped container whose cgroup is gone has
            // nobody left to signal.
            if (status == ContainerStatus.STOPPED && cgroups.load(root.resolve(id)).isEmpty()) {
                return 0;
            }
            cgroups.require(root.resolve(id), id).signalAll(sig);
            return 0;
        }
        // pid 0 (still creating) must never reach kill(2): kill(0, sig) signals jrun's own process group.
        if (status == ContainerStatus.STOPPED || state.pid() <= 0) {
            throw new JrunException("container not running");
        }
        ProcessControl.kill(state.pid(), sig);
        if (sig == Signals.SIGKILL && status == ContainerStatus.PAUSED) {
            // A frozen v1 task takes its SIGKILL only once thawed (runc thaws a paused container for SIGKILL alone).
            cgroups.require(root.resolve(id), id).thaw();
        }
        return 0;
    }

    @Override
    String describe() {
        return "kill " + id + " signal=" + signal + " all=" + all;
    }
}
