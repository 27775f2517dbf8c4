package dev.jrun.cli;

import dev.jrun.core.JrunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * runc's ps. Everything after the id goes to ps(1) as it is (picocli stops parsing options at the id, as runc's
 * SkipArgReorder does), so {@code jrun ps ID -o pid,comm} works as with runc.
 */
@Command(name = "ps", description = "ps displays the processes running inside a container")
final class PsCommand extends JrunSubcommand {
    @Option(names = {"-f", "--format"}, paramLabel = "value",
            description = "select one of: table or json (default: \"table\")")
    String format = "table";

    @Parameters(index = "0", paramLabel = "<container-id>", description = "the container's id")
    String id;

    @Parameters(index = "1..*", paramLabel = "[ps options]", description = "options for ps (default: -ef)")
    List<String> psArgs = new ArrayList<>();

    CgroupLoader cgroups = CgroupLoader.FROM_STATE_DIR;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Integer> pids = CgroupTarget.of(globals().root(), id, cgroups).manager().pids();
        switch (format) {
            case "table" -> { }
            case "json" -> {
                System.out.print(PsTable.json(pids));
                return 0;
            }
            default -> throw new JrunException("invalid format option");
        }
        List<String> command = new ArrayList<>();
        command.add("ps");
        command.addAll(psArgs.isEmpty() ? List.of("-ef") : psArgs);
        Process ps = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect
                .from(new java.io.File("/dev/null"))).start();
        String output = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = ps.waitFor();
        if (code != 0) {
            throw new JrunException("exit status " + code + ": " + output);
        }
        try {
            System.out.print(PsTable.filter(output, pids));
        } catch (IllegalArgumentException e) {
            throw new JrunException(e.getMessage(), e);
        }
        return 0;
    }

    @Override
    String describe() {
        return "ps " + id + " format=" + format + " args=" + psArgs;
    }
}
