package dev.jrun.core.validation;

import dev.jrun.core.spec.SpecBinder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run by ConfigReadNeedsNoDatabindTest without jackson-databind on the class path: what create does with a config. */
public final class CreateConfigWithoutDatabind {
    private CreateConfigWithoutDatabind() {
    }

    public static void main(String[] args) throws Exception {
        Path bundle = Path.of(args[0]);
        Files.createDirectories(bundle.resolve("rootfs"));
        try (InputStream in = CreateConfigWithoutDatabind.class.getResourceAsStream("/configs/runc-spec.json")) {
            Files.write(bundle.resolve("config.json"), in.readAllBytes());
        }
        SpecBinder.Bound config = BundleValidator.loadBound(bundle);
        try {
            SupportCheck.check(bundle, config);
            System.out.println("supported");
        } catch (SupportCheck.Unsupported e) {
            System.out.println("unsupported: " + e.problems().size());
        }
        System.out.println("keys " + config.topLevelKeys().contains("process") + " args " + config.spec().process().args());
    }
}
