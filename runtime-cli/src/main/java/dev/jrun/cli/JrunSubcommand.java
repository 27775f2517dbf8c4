package dev.jrun.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A jrun command. Picocli fills its fields by reflection; {@link FastPath} fills the same fields directly, so both
 * parsers run exactly the same command code. Subclasses must not touch picocli's API in their logic, only its
 * annotations: the fast path must not load picocli.
 */
abstract class JrunSubcommand implements Callable<Integer> {
    @ParentCommand
    RootCommand parent;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show help")
    boolean help;

    /** Set by the fast path; picocli leaves it null and the parent's options apply. */
    GlobalOptions globals;

    GlobalOptions globals() {
        return globals != null ? globals : parent.globals;
    }

    /** A stable text form of the parsed arguments; tests compare the two parsers with it. */
    abstract String describe();
}
