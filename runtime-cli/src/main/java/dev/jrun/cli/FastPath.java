package dev.jrun.cli;

import dev.jrun.cli.log.LogFormat;
import dev.jrun.cli.log.LogSettings;

/**
 * A hand parser for the commands engines call most often and whose latency is the product (state, list, version,
 * and the lifecycle: create, run, start, kill, delete).
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
                case "create", "run", "start", "kill", "delete" -> lifecycle(args[i], args, i + 1);
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

    /**
     * create, run, start, kill and delete: their flags in every spelling picocli takes here ({@code --bundle X},
     * {@code --bundle=X}, {@code -b X}, Go's {@code -bundle X}), positionals anywhere. A repeated flag, a bad
     * number, {@code --} or anything unknown goes to picocli, which reports it.
     */
    private static JrunSubcommand lifecycle(String command, String[] args, int from) {
        java.util.List<String> positional = new java.util.ArrayList<>();
        java.util.Map<String, String> flags = new java.util.HashMap<>();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = lifecycleFlag(command, eq > 0 ? arg.substring(0, eq) : arg);
            if (name == null) {
                return null;
            }
            String value;
            if (isSwitch(name)) {
                if (eq > 0) {
                    return null;
                }
                value = "true";
            } else if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (flags.put(name, value) != null) {
                return null;
            }
        }
        int preserveFds = 0;
        String fds = flags.get("preserve-fds");
        if (fds != null) {
            if (fds.isEmpty() || fds.length() > 9) {
                return null;
            }
            for (int k = 0; k < fds.length(); k++) {
                if (fds.charAt(k) < '0' || fds.charAt(k) > '9') {
                    return null;
                }
            }
            preserveFds = Integer.parseInt(fds);
        }
        switch (command) {
            case "create" -> {
                if (positional.size() != 1) {
                    return null;
                }
                CreateCommand c = new CreateCommand();
                c.id = positional.getFirst();
                c.bundle = flags.get("bundle");
                c.consoleSocket = flags.get("console-socket");
                c.pidFile = flags.get("pid-file");
                c.noPivot = flags.containsKey("no-pivot");
                c.noNewKeyring = flags.containsKey("no-new-keyring");
                c.preserveFds = preserveFds;
                return c;
            }
            case "run" -> {
                if (positional.size() != 1) {
                    return null;
                }
                RunCommand c = new RunCommand();
                c.target = positional.getFirst();
                c.bundle = flags.get("bundle");
                c.consoleSocket = flags.get("console-socket");
                c.pidFile = flags.get("pid-file");
                c.detach = flags.containsKey("detach");
                c.keep = flags.containsKey("keep");
                c.noSubreaper = flags.containsKey("no-subreaper");
                c.noPivot = flags.containsKey("no-pivot");
                c.noNewKeyring = flags.containsKey("no-new-keyring");
                c.preserveFds = preserveFds;
                return c;
            }
            case "start" -> {
                if (positional.size() != 1) {
                    return null;
                }
                StartCommand c = new StartCommand();
                c.id = positional.getFirst();
                return c;
            }
            case "kill" -> {
                if (positional.isEmpty() || positional.size() > 2) {
                    return null;
                }
                KillCommand c = new KillCommand();
                c.id = positional.getFirst();
                c.signal = positional.size() == 2 ? positional.get(1) : null;
                c.all = flags.containsKey("all");
                return c;
            }
            default -> {
                if (positional.size() != 1) {
                    return null;
                }
                DeleteCommand c = new DeleteCommand();
                c.id = positional.getFirst();
                c.force = flags.containsKey("force");
                return c;
            }
        }
    }

    /** The flag's canonical name if {@code command} has it, else null. */
    private static String lifecycleFlag(String command, String spelled) {
        String name;
        if (spelled.startsWith("--")) {
            name = spelled.substring(2);
        } else if (spelled.length() > 2) {
            name = spelled.substring(1); // Go's flag package: -bundle is --bundle
        } else {
            name = switch (spelled) {
                case "-b" -> "bundle";
                case "-d" -> "detach";
                case "-f" -> "force";
                case "-a" -> "all";
                default -> "";
            };
        }
        boolean known = switch (command) {
            case "create" -> switch (name) {
                case "bundle", "console-socket", "pid-file", "no-pivot", "no-new-keyring", "preserve-fds" -> true;
                default -> false;
            };
            case "run" -> switch (name) {
                case "bundle", "console-socket", "pid-file", "no-pivot", "no-new-keyring", "preserve-fds", "detach",
                        "keep", "no-subreaper" -> true;
                default -> false;
            };
            case "kill" -> name.equals("all");
            case "delete" -> name.equals("force");
            default -> false;
        };
        // Go spellings of short flags (-d, -b...) are one letter: "-detach" is fine, "-b" was mapped above.
        if (!known || (spelled.length() > 2 && !spelled.startsWith("--") && name.length() == 1)) {
            return null;
        }
        return name;
    }

    private static boolean isSwitch(String name) {
        return switch (name) {
            case "no-pivot", "no-new-keyring", "detach", "keep", "no-subreaper", "all", "force" -> true;
            default -> false;
        };
    }
}
