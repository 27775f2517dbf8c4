package dev.jrun.cli;

import dev.jrun.cli.log.LogFormat;
import dev.jrun.cli.log.LogSettings;

/**
 * A hand parser for the commands engines call most often and whose latency is the product (state, list, version).
 * Building picocli's model costs 100+ ms (its jar is Java 5 bytecode the AOT cache cannot hold, DESIGN.md §2),
 * several times a JVM's whole start. This parser takes only command lines it understands completely and leaves
 * everything else — help, errors, unknown flags, odd spellings — to picocli, so behaviour never differs, only
 * speed. A test runs both parsers over the same command lines and compares the results.
 */
final class FastPath {
    private FastPath() {
    }

    /** The parsed command, or null when picocli must take this command line. */
    static JrunSubcommand parse(String[] args) {
        GlobalOptions g = new GlobalOptions();
        boolean version = false;
        int i = 0;
        for (; i < args.length && args[i].startsWith("-"); i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            String value = eq > 0 ? arg.substring(eq + 1) : null;
            if (name.startsWith("-") && !name.startsWith("--") && name.length() > 2) {
                name = "-" + name; // Go's flag package: -root is --root
            }
            switch (name) {
                case "--root", "--log", "--log-format", "--rootless", "--criu" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            return null;
                        }
                        value = args[++i];
                    }
                    if (!set(g, name, value)) {
                        return null;
                    }
                }
                case "--debug", "--systemd-cgroup", "-v", "--version" -> {
                    if (value != null) {
                        return null;
                    }
                    switch (name) {
                        case "--debug" -> g.debug = true;
                        case "--systemd-cgroup" -> g.systemdCgroup = true;
                        default -> version = true;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        JrunSubcommand command;
        if (version) {
            command = i == args.length ? new VersionCommand() : null;
        } else if (i == args.length) {
            command = null;
        } else {
            command = switch (args[i]) {
                case "state" -> state(args, i + 1);
                case "list" -> list(args, i + 1);
                case "version" -> i + 1 == args.length ? new VersionCommand() : null;
                default -> null;
            };
        }
        if (command != null) {
            command.globals = g;
        }
        return command;
    }

    static LogSettings logSettings(GlobalOptions g) {
        return new LogSettings(g.log, g.logFormat, g.debug);
    }

    private static boolean set(GlobalOptions g, String name, String value) {
        switch (name) {
            case "--root" -> g.root = value;
            case "--log" -> g.log = value;
            case "--criu" -> g.criu = value;
            case "--log-format" -> {
                // A bad value is picocli's to report, with the same message as any other bad flag.
                if (!LogFormat.isValid(value)) {
                    return false;
                }
                g.logFormat = LogFormat.parse(value);
            }
            default -> {
                if (!GlobalOptions.isRootlessValue(value)) {
                    return false;
                }
                g.rootless = value;
            }
        }
        return true;
    }

    private static StateCommand state(String[] args, int from) {
        if (args.length - from != 1 || args[from].startsWith("-")) {
            return null;
        }
        StateCommand c = new StateCommand();
        c.id = args[from];
        return c;
    }

    private static ListCommand list(String[] args, int from) {
        ListCommand c = new ListCommand();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-q") || arg.equals("--quiet")) {
                c.quiet = true;
            } else if (arg.equals("-f") || arg.equals("--format")) {
                if (i + 1 >= args.length) {
                    return null;
                }
                c.format = args[++i];
            } else if (arg.startsWith("--format=")) {
                c.format = arg.substring("--format=".length());
            } else {
                return null;
            }
        }
        return c;
    }
}
