package dev.jrun.cli;

import dev.jrun.cli.log.LogFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;

/**
 * The global flags exactly as runc accepts them, before the command. runc (Go's flag package) also takes the
 * single-dash spellings (-root, -log …), so they are accepted here too.
 */
@Command(name = "jrun",
        description = "jrun is an OCI container runtime in Java, a drop-in for runc.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            CreateCommand.class, DeleteCommand.class, EventsCommand.class, FeaturesCommand.class, KillCommand.class,
            ListCommand.class, PauseCommand.class, PsCommand.class, ResumeCommand.class, RunCommand.class,
            SpecCommand.class, StartCommand.class, StateCommand.class, UpdateCommand.class, ValidateCommand.class,
            VersionCommand.class, HelpCommand.class
        })
final class RootCommand implements Callable<Integer> {
    final GlobalOptions globals = new GlobalOptions();

    @Option(names = "--root", paramLabel = "DIR",
            description = "root directory for storage of container state (default: /run/jrun, or $XDG_RUNTIME_DIR/jrun when not root)")
    void root(String value) {
        globals.root = value;
    }

    @Option(names = "--log", paramLabel = "FILE", description = "set the log file to write jrun logs to (default is stderr)")
    void log(String value) {
        globals.log = value;
    }

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "set the log format ('text' (default), or 'json')")
    void logFormat(String value) {
        globals.logFormat = LogFormat.parse(value);
    }

    @Option(names = "--debug", description = "enable debug logging")
    void debug(boolean value) {
        globals.debug = value;
    }

    @Option(names = "--systemd-cgroup",
            description = "enable systemd cgroup support, expects cgroupsPath to be of form \"slice:prefix:name\"")
    void systemdCgroup(boolean value) {
        globals.systemdCgroup = value;
    }

    @Option(names = "--rootless", paramLabel = "VALUE",
            description = "ignore cgroup permission errors ('true', 'false', or 'auto') (default: auto)")
    void rootless(String value) {
        if (!GlobalOptions.isRootlessValue(value)) {
            throw new IllegalArgumentException("invalid --rootless value " + value + " (use true, false or auto)");
        }
        globals.rootless = value;
    }

    @Option(names = "--criu", paramLabel = "PATH",
            description = "path to the criu binary used for checkpoint and restore (default: criu)")
    void criu(String value) {
        globals.criu = value;
    }

    // Go's flag package also takes one dash; hidden so that help lists each flag once.
    @Option(names = "-root", hidden = true, paramLabel = "VALUE")
    void rootGoSpelling(String value) {
        root(value);
    }

    @Option(names = "-log", hidden = true, paramLabel = "VALUE")
    void logGoSpelling(String value) {
        log(value);
    }

    @Option(names = "-log-format", hidden = true, paramLabel = "VALUE")
    void logFormatGoSpelling(String value) {
        logFormat(value);
    }

    @Option(names = "-debug", hidden = true)
    void debugGoSpelling(boolean value) {
        debug(value);
    }

    @Option(names = "-systemd-cgroup", hidden = true)
    void systemdCgroupGoSpelling(boolean value) {
        systemdCgroup(value);
    }

    @Option(names = "-rootless", hidden = true, paramLabel = "VALUE")
    void rootlessGoSpelling(String value) {
        rootless(value);
    }

    @Option(names = "-criu", hidden = true, paramLabel = "VALUE")
    void criuGoSpelling(String value) {
        criu(value);
    }

    @Option(names = {"-v", "--version"}, description = "print the version")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show help")
    boolean help;

    @Override
    public Integer call() {
        if (version) {
            System.out.print(BuildInfo.load().versionText());
        } else {
            PicocliRunner.printUsage(this);
        }
        return 0;
    }
}
