package dev.jrun.cli;

import dev.jrun.core.validation.BundleValidator;
import dev.jrun.core.validation.Problem;
import dev.jrun.core.validation.SupportCheck;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Beyond runc: the checks create runs, without creating anything. Problems are this command's output. */
@Command(name = "validate", description = "check a bundle's config.json and rootfs; print every problem or 'ok'")
final class ValidateCommand extends JrunSubcommand {
    @Option(names = {"-b", "--bundle", "-bundle"}, paramLabel = "DIR", description = "path to the root of the bundle directory")
    String bundle;

    @Override
    public Integer call() {
        Path dir = Path.of(bundle == null || bundle.isEmpty() ? "." : bundle);
        List<Problem> problems = BundleValidator.validate(dir);
        String heading = problems.size() == 1 ? " problem" : " problems";
        if (problems.isEmpty()) {
            // Valid; but create also refuses what jrun cannot enforce yet, and validate says what create would.
            problems = SupportCheck.problems(dir, BundleValidator.load(dir));
            if (problems.isEmpty()) {
                System.out.println("ok");
                return 0;
            }
            heading = problems.size() == 1 ? " field jrun cannot run yet (create refuses it)"
                    : " fields jrun cannot run yet (create refuses them)";
        }
        StringBuilder out = new StringBuilder();
        out.append(dir.toAbsolutePath().normalize().resolve("config.json")).append(": ").append(problems.size())
                .append(heading).append('\n');
        for (Problem p : problems) {
            out.append(p).append('\n');
        }
        System.out.print(out);
        return 1;
    }

    @Override
    String describe() {
        return "validate bundle=" + bundle;
    }
}
