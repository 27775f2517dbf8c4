package dev.jrun.cli;

import dev.jrun.cli.log.Log;
import dev.jrun.core.JrunException;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.GoTime;
import dev.jrun.core.state.Listing;
import dev.jrun.core.state.StateJson;
import dev.jrun.core.state.StateStore;
import dev.jrun.core.state.StatusResolver;
import dev.jrun.linux.passwd.UserNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "lists containers started by jrun with the given root")
final class ListCommand extends JrunSubcommand {
    @Option(names = {"-f", "--format", "-format"}, paramLabel = "FORMAT", description = "select one of: table or json (default: table)")
    String format = "table";

    @Option(names = {"-q", "--quiet", "-quiet"}, description = "display only container IDs")
    boolean quiet;

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw new JrunException("invalid format option: " + format + " (use table or json)");
        }
        StateStore store = new StateStore(globals().root());
        StatusResolver resolver = CgroupFreezeProbe.resolver(globals().root(), CgroupLoader.FROM_STATE_DIR);
        UserNames names = UserNames.system();
        List<ContainerState> containers = new ArrayList<>();
        for (Listing listing : store.list()) {
            switch (listing) {
                case Listing.Entry e -> containers.add(withOwner(resolver.current(e.state()),
                        globals().root().resolve(e.state().id()), names));
                // A half-written or corrupt entry must not hide the others: say so and go on.
                case Listing.Broken b -> Log.warn("skipping container " + b.id() + ": " + b.problem());
            }
        }
        if (quiet) {
            StringBuilder ids = new StringBuilder();
            for (ContainerState c : containers) {
                ids.append(c.id()).append('\n');
            }
            System.out.print(ids);
        } else if (format.equals("json")) {
            System.out.print(StateJson.renderList(containers));
        } else {
            System.out.print(table(containers));
        }
        return 0;
    }

    /** runc's list shows the owner of the state directory by name, looked up in /etc/passwd as runc does. */
    private static ContainerState withOwner(ContainerState s, Path dir, UserNames names) {
        String owner;
        try {
            owner = names.nameOf(((Number) Files.getAttribute(dir, "unix:uid")).longValue());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            owner = "";
        }
        return s.withOwner(owner);
    }

    /** runc's table: Go's tabwriter with minwidth 12, padding 3; the last column is not padded. */
    static String table(List<ContainerState> containers) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"});
        for (ContainerState c : containers) {
            rows.add(new String[] {c.id(), Integer.toString(c.pid()), c.status().json(), c.bundle(),
                GoTime.format(c.created()), c.owner()});
        }
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns - 1; i++) {
                width[i] = Math.max(width[i], Math.max(12, row[i].length() + 3));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < columns - 1; i++) {
                out.append(row[i]).append(" ".repeat(width[i] - row[i].length()));
            }
            out.append(row[columns - 1]).append('\n');
        }
        return out.toString();
    }

    @Override
    String describe() {
        return "list format=" + format + " quiet=" + quiet;
    }
}
