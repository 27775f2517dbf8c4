package dev.jrun.cli;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.DefaultSpecs;
import dev.jrun.core.spec.SpecJson;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "spec", description = "create a new specification file (config.json) in the bundle")
final class SpecCommand extends JrunSubcommand {
    @Option(names = {"-b", "--bundle", "-bundle"}, paramLabel = "DIR", description = "path to the root of the bundle directory")
    String bundle;

    @Option(names = {"--rootless", "-rootless"}, description = "generate a configuration for a rootless container")
    boolean rootless;

    @Override
    public Integer call() {
        Path dir = Path.of(bundle == null || bundle.isEmpty() ? "." : bundle);
        if (!Files.isDirectory(dir)) {
            throw new JrunException("bundle " + dir + " is not a directory (check --bundle)");
        }
        Path config = dir.resolve("config.json");
        String json = SpecJson.write(rootless ? DefaultSpecs.rootless(CallerIds.uid(), CallerIds.gid()) : DefaultSpecs.standard());
        try {
            Files.writeString(config, json, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new JrunException("File " + config + " exists. Remove it first (jrun spec never overwrites)");
        } catch (IOException e) {
            throw new JrunException("write " + config + ": " + e.getMessage(), e);
        }
        return 0;
    }


    @Override
    String describe() {
        return "spec bundle=" + bundle + " rootless=" + rootless;
    }
}
