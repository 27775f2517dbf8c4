package dev.jrun.cli;

import dev.jrun.cli.log.Log;
import dev.jrun.cli.log.LogSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The full parser, for every command line the fast path does not take. */
final class PicocliRunner {
    private PicocliRunner() {
    }

    static int run(String[] args) throws Exception {
        RootCommand root = new RootCommand();
        CommandLine cli = configure(new CommandLine(root).setCaseInsensitiveEnumValuesAllowed(false));
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            LogSettings.set(FastPath.logSettings(root.globals));
            throw usageError(e);
        }
        LogSettings.set(FastPath.logSettings(root.globals));
        Main.checkLogFile();
        Log.debug("command line: " + String.join(" ", args));
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        List<CommandLine> chain = parsed.asCommandLineList();
        Callable<?> command = (Callable<?>) chain.get(chain.size() - 1).getCommand();
        Object result = command.call();
        return result instanceof Integer code ? code : 0;
    }

    /** Parses without running; tests compare the result with the fast path's. */
    static Object parseOnly(String[] args) {
        RootCommand root = new RootCommand();
        ParseResult parsed = configure(new CommandLine(root)).parseArgs(args);
        List<CommandLine> chain = parsed.asCommandLineList();
        return chain.get(chain.size() - 1).getCommand();
    }

    /** ps passes everything after the container id to ps(1), as runc (SkipArgReorder) does. */
    private static CommandLine configure(CommandLine cli) {
        cli.getSubcommands().get("ps").setStopAtPositional(true);
        return cli;
    }

    static void printUsage(RootCommand root) {
        new CommandLine(root).usage(System.out);
    }

    /** runc exits 1 on a bad flag or argument, and 3 on an unknown command. */
    private static UsageException usageError(ParameterException e) {
        String where = e.getCommandLine().getCommandName();
        boolean unknownCommand = e instanceof CommandLine.UnmatchedArgumentException u
                && e.getCommandLine().getCommand() instanceof RootCommand
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-");
        String hint = where.equals("jrun") ? "see 'jrun --help'" : "see 'jrun " + where + " --help'";
        if (unknownCommand) {
            return new UsageException("unknown command '" + ((CommandLine.UnmatchedArgumentException) e)
                    .getUnmatched().get(0) + "' (" + hint + ")", 3);
        }
        return new UsageException(e.getMessage() + " (" + hint + ")", 1);
    }
}
