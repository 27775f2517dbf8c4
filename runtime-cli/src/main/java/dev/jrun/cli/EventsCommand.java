package dev.jrun.cli;

import dev.jrun.cli.log.Log;
import dev.jrun.core.JrunException;
import dev.jrun.core.events.EventJson;
import dev.jrun.core.events.GoDuration;
import dev.jrun.core.state.ContainerIds;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.ContainerStatus;
import dev.jrun.core.state.StateStore;
import dev.jrun.core.state.StatusResolver;
import dev.jrun.linux.cgroup.CgroupException;
import dev.jrun.linux.cgroup.CgroupManager;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * runc's events: one stats event with {@code --stats}; otherwise a stats event every interval (the first one
 * interval after the start, as Go's ticker) and an oom event for each OOM kill, until the container stops.
 */
@Command(name = "events", description = {
    "display container events such as OOM notifications, cpu, memory, and IO usage statistics", "",
    "Where \"<container-id>\" is the name for the instance of the container.", "",
    "The events command displays information about the container. By default the",
    "information is displayed once every 5 seconds."})
final class EventsCommand extends JrunSubcommand {
    /** OOM kills are looked for this often, so an oom event does not wait for the next stats tick. */
    static final long OOM_POLL_NANOS = 200_000_000L;

    @Parameters(index = "0", paramLabel = "<container-id>", description = "the container's id")
    String id;

    @Option(names = "--interval", paramLabel = "value", description = "set the stats collection interval (default: 5s)")
    String interval = "5s";

    @Option(names = "--stats", description = "display the container's stats then exit")
    boolean stats;

    // Go's flag package also takes one dash; hidden so that help lists each flag once.
    @Option(names = "-interval", hidden = true, paramLabel = "value")
    void intervalGoSpelling(String value) {
        interval = value;
    }

    @Option(names = "-stats", hidden = true)
    void statsGoSpelling(boolean value) {
        stats = value;
    }

    CgroupLoader cgroups = CgroupLoader.FROM_STATE_DIR;
    PrintStream out = System.out;

    @Override
    public Integer call() throws InterruptedException {
        ContainerIds.check(id);
        Path root = globals().root();
        StateStore store = new StateStore(root);
        ContainerState state = store.require(id);
        long every;
        try {
            every = GoDuration.parseNanos(interval);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid value \"" + interval + "\" for flag -interval: parse error", 1);
        }
        if (every <= 0) {
            throw new JrunException("duration interval must be greater than 0");
        }
        StatusResolver resolver = CgroupFreezeProbe.resolver(root, cgroups);
        if (resolver.resolve(state) == ContainerStatus.STOPPED) {
            throw new JrunException("container with id " + id + " is not running");
        }
        CgroupManager cgroup = cgroups.require(root.resolve(id), id);
        if (stats) {
            emit(EventJson.stats(id, cgroup.stats()));
            return 0;
        }
        stream(cgroup, resolver, state, every);
        return 0;
    }

    private void stream(CgroupManager cgroup, StatusResolver resolver, ContainerState state, long every)
            throws InterruptedException {
        long ooms = cgroup.oomKills();
        long nextStats = System.nanoTime() + every;
        while (true) {
            if (resolver.resolve(state) == ContainerStatus.STOPPED) {
                return;
            }
            try {
                long now = cgroup.oomKills();
                for (; ooms < now; ooms++) {
                    emit(EventJson.oom(id));
                }
                if (System.nanoTime() - nextStats >= 0) {
                    nextStats += every;
                    emit(EventJson.stats(id, cgroup.stats()));
                }
            } catch (CgroupException e) {
                // As runc: a failed read is logged and the stream goes on (it ends when the container stops).
                Log.error(e.getMessage());
            }
            long wait = Math.min(OOM_POLL_NANOS, Math.max(0, nextStats - System.nanoTime()));
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private void emit(String line) {
        out.print(line + "\n");
        out.flush();
    }

    @Override
    String describe() {
        return "events " + id + " interval=" + interval + " stats=" + stats;
    }
}
