package dev.jrun.cli;

import dev.jrun.cli.log.Log;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.StateStore;
import dev.jrun.linux.container.ProcessControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = {"create and run a container", "",
    "Where \"<container-id>\" is your name for the instance of the container that you are starting. The name you"
            + " provide for the container instance must be unique on your host. Beyond runc, it may be a bundle"
            + " directory (\"bundle/\", \".\"): the container is then named after the directory.", "",
    "The run command creates an instance of a container for a bundle. The bundle is a directory with a"
            + " specification file named \"config.json\" and a root filesystem.", "",
    "The specification file includes an args parameter. The args parameter is used to specify command(s) that get"
            + " run when the container is started. To change the command(s) that get executed on start, edit the"
            + " args parameter of the spec. See \"jrun spec --help\" for more explanation."})
final class RunCommand extends JrunSubcommand {
    @Parameters(index = "0", paramLabel = "<container-id>", description = "your name for the container, or a bundle directory")
    String target;

    @Option(names = {"-b", "--bundle"}, paramLabel = "DIR",
            description = "path to the root of the bundle directory, defaults to the current directory")
    String bundle;

    @Option(names = "--console-socket", paramLabel = "PATH",
            description = "path to an AF_UNIX socket which will receive a file descriptor referencing the master end"
                    + " of the console's pseudoterminal (not supported yet)")
    String consoleSocket;

    @Option(names = {"-d", "--detach"}, description = "detach from the container's process")
    boolean detach;

    @Option(names = "--keep", description = "do not delete the container after it exits")
    boolean keep;

    @Option(names = "--pid-file", paramLabel = "FILE", description = "specify the file to write the process id to")
    String pidFile;

    @Option(names = "--no-subreaper",
            description = "disable the use of the subreaper used to reap reparented processes")
    boolean noSubreaper;

    @Option(names = "--no-pivot",
            description = "do not use pivot root to jail process inside rootfs.  This should be used whenever the"
                    + " rootfs is on top of a ramdisk")
    boolean noPivot;

    @Option(names = "--no-new-keyring",
            description = "do not create a new session keyring for the container.  This will cause the container to"
                    + " inherit the calling processes session key")
    boolean noNewKeyring;

    @Option(names = "--preserve-fds", paramLabel = "N",
            description = "Pass N additional file descriptors to the container (stdio + $LISTEN_FDS + N in total)"
                    + " (default: 0)")
    int preserveFds;

    // Go's flag package also takes one dash; hidden so that help lists each flag once.
    @Option(names = "-bundle", hidden = true, paramLabel = "VALUE")
    void bundleGoSpelling(String value) {
        bundle = value;
    }

    @Option(names = "-console-socket", hidden = true, paramLabel = "VALUE")
    void consoleSocketGoSpelling(String value) {
        consoleSocket = value;
    }

    @Option(names = "-detach", hidden = true)
    void detachGoSpelling(boolean value) {
        detach = value;
    }

    @Option(names = "-keep", hidden = true)
    void keepGoSpelling(boolean value) {
        keep = value;
    }

    @Option(names = "-pid-file", hidden = true, paramLabel = "VALUE")
    void pidFileGoSpelling(String value) {
        pidFile = value;
    }

    @Option(names = "-no-subreaper", hidden = true)
    void noSubreaperGoSpelling(boolean value) {
        noSubreaper = value;
    }

    @Option(names = "-no-pivot", hidden = true)
    void noPivotGoSpelling(boolean value) {
        noPivot = value;
    }

    @Option(names = "-no-new-keyring", hidden = true)
    void noNewKeyringGoSpelling(boolean value) {
        noNewKeyring = value;
    }

    @Option(names = "-preserve-fds", hidden = true, paramLabel = "VALUE")
    void preserveFdsGoSpelling(int value) {
        preserveFds = value;
    }

    @Override
    public Integer call() {
        StateStore store = new StateStore(globals().root());
        RunTarget t = RunTarget.resolve(target, bundle, store.root());
        ContainerState created = ContainerCreate.create(store, new ContainerCreate.Options(t.id(), t.bundle(),
                pidFile, consoleSocket, noPivot, preserveFds, globals().systemdCgroup()));
        if (!detach) {
            // Before start, so that nothing sent from the moment the init can act on it is lost.
            SignalForwarder.forwardTo(created.pid());
        }
        try {
            ContainerStart.start(store, t.id());
        } catch (RuntimeException e) {
            // runc destroys a container it could not start; the init is our child.
            ContainerCreate.killAndReap(created.pid());
            deleteQuietly(store, t.id());
            throw e;
        }
        if (detach) {
            return 0;
        }
        int code = ProcessControl.waitForExit(created.pid());
        if (!keep) {
            ContainerDelete.delete(store, t.id(), true);
        }
        return code;
    }

    private static void deleteQuietly(StateStore store, String id) {
        try {
            ContainerDelete.delete(store, id, true);
        } catch (RuntimeException e) {
            Log.warn("cannot delete container " + id + " after its failed start: " + e.getMessage());
        }
    }

    @Override
    String describe() {
        return "run " + target + " bundle=" + bundle + " detach=" + detach + " keep=" + keep + " pidFile=" + pidFile
                + " consoleSocket=" + consoleSocket + " noSubreaper=" + noSubreaper + " noPivot=" + noPivot
                + " noNewKeyring=" + noNewKeyring + " preserveFds=" + preserveFds;
    }
}
