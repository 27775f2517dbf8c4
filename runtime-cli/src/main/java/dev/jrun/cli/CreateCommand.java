package dev.jrun.cli;

import dev.jrun.core.state.StateStore;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", description = {"create a container", "",
    "Where \"<container-id>\" is your name for the instance of the container that you are starting. The name you"
            + " provide for the container instance must be unique on your host.", "",
    "The create command creates an instance of a container for a bundle. The bundle is a directory with a"
            + " specification file named \"config.json\" and a root filesystem.", "",
    "The specification file includes an args parameter. The args parameter is used to specify command(s) that get"
            + " run when the container is started. To change the command(s) that get executed on start, edit the"
            + " args parameter of the spec. See \"jrun spec --help\" for more explanation."})
final class CreateCommand extends JrunSubcommand {
    @Parameters(index = "0", paramLabel = "<container-id>", description = "your name for the container")
    String id;

    @Option(names = {"-b", "--bundle"}, paramLabel = "DIR",
            description = "path to the root of the bundle directory, defaults to the current directory")
    String bundle;

    @Option(names = "--console-socket", paramLabel = "PATH",
            description = "path to an AF_UNIX socket which will receive a file descriptor referencing the master end"
                    + " of the console's pseudoterminal (not supported yet)")
    String consoleSocket;

    @Option(names = "--pid-file", paramLabel = "FILE", description = "specify the file to write the process id to")
    String pidFile;

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

    @Option(names = "-pid-file", hidden = true, paramLabel = "VALUE")
    void pidFileGoSpelling(String value) {
        pidFile = value;
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
        ContainerCreate.create(new StateStore(globals().root()), options());
        return 0;
    }

    ContainerCreate.Options options() {
        return new ContainerCreate.Options(id, Path.of(bundle == null || bundle.isEmpty() ? "." : bundle), pidFile,
                consoleSocket, noPivot, preserveFds, globals().systemdCgroup());
    }

    @Override
    String describe() {
        return "create " + id + " bundle=" + bundle + " pidFile=" + pidFile + " consoleSocket=" + consoleSocket
                + " noPivot=" + noPivot + " noNewKeyring=" + noNewKeyring + " preserveFds=" + preserveFds;
    }
}
