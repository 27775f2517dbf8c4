package dev.jrun.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrun.core.spec.DefaultSpecs;
import dev.jrun.core.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleValidatorTest {

    @Test
    void validBundleLoads(@TempDir Path bundle) throws IOException {
        Files.writeString(bundle.resolve("config.json"), SpecJson.write(DefaultSpecs.standard()));
        Files.createDirectory(bundle.resolve("rootfs"));
        assertEquals(List.of(), BundleValidator.validate(bundle));
        assertEquals(DefaultSpecs.standard(), BundleValidator.load(bundle));
    }

    @Test
    void missingRootfsIsNamedWithItsResolvedPath(@TempDir Path bundle) throws IOException {
        Files.writeString(bundle.resolve("config.json"), SpecJson.write(DefaultSpecs.standard()));
        assertEquals(List.of(new Problem("root.path", "\"rootfs\" resolves to " + bundle.resolve("rootfs")
                + ", which does not exist")), BundleValidator.validate(bundle));
    }

    @Test
    void rootfsThatIsAFile(@TempDir Path bundle) throws IOException {
        Files.writeString(bundle.resolve("config.json"), SpecJson.write(DefaultSpecs.standard()));
        Files.writeString(bundle.resolve("rootfs"), "");
        assertEquals(List.of(new Problem("root.path", "\"rootfs\" resolves to " + bundle.resolve("rootfs")
                + ", which is not a directory")), BundleValidator.validate(bundle));
    }

    @Test
    void absoluteRootPathIsNotResolvedAgainstTheBundle(@TempDir Path bundle, @TempDir Path elsewhere) throws IOException {
        String json = SpecJson.write(DefaultSpecs.standard()).replace("\"path\": \"rootfs\"", "\"path\": \"" + elsewhere + "\"");
        Files.writeString(bundle.resolve("config.json"), json);
        assertEquals(List.of(), BundleValidator.validate(bundle));
    }

    @Test
    void missingConfigIsOneProblem(@TempDir Path bundle) {
        assertEquals(List.of(new Problem("config.json", "open " + bundle.resolve("config.json")
                + ": no such file or directory (is --bundle right?)")), BundleValidator.validate(bundle));
    }

    @Test
    void parseErrorBecomesAProblemAtItsJsonPath(@TempDir Path bundle) throws IOException {
        Files.writeString(bundle.resolve("config.json"), "{\"process\": {\"terminal\": 1}}");
        assertEquals(List.of(new Problem("process.terminal", "expected a boolean, got 1 (line 1, column 26)")),
                BundleValidator.validate(bundle));
    }

    @Test
    void loadListsEveryProblem(@TempDir Path bundle) throws IOException {
        Files.writeString(bundle.resolve("config.json"), """
                {"ociVersion": "one", "root": {"path": "rootfs"}, "process": {"args": [], "cwd": "/", "user": {"uid": 0, "gid": 0}}}""");
        ValidationException e = assertThrows(ValidationException.class, () -> BundleValidator.load(bundle));
        assertEquals("invalid configuration in " + bundle.resolve("config.json") + " (3 problems):\n"
                + "  ociVersion: \"one\" is not a SemVer 2.0.0 version (e.g. \"1.2.1\")\n"
                + "  process.args: must name the program to run (at least one element)\n"
                + "  root.path: \"rootfs\" resolves to " + bundle.resolve("rootfs") + ", which does not exist",
                e.getMessage());
        assertEquals(3, e.problems().size());
        assertEquals(1, e.exitCode());
    }
}
