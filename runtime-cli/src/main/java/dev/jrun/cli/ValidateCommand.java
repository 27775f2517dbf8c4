package dev.jrun.cli;

import dev.jrun.core.validation.BundleValidator;
import dev.jrun.core.validation.Problem;
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
        if (problems.isEmpty()) {
            System.out.println("ok");
            return 0;
        }
        StringBuilder out = new StringBuilder();
        out.append(dir.toAbsolutePath().normalize().resolve("config.json")).append(": ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append('\n');
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
