package dev.jrun.cli;

import picocli.CommandLine.Command;

@Command(name = "version", description = "print the version (same as --version)")
final class VersionCommand extends JrunSubcommand {
    @Override
    public Integer call() {
        System.out.print(BuildInfo.load().versionText());
        return 0;
    }

    @Override
    String describe() {
        return "version";
    }
}
