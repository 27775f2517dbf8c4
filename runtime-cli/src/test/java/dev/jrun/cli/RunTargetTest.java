package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.JrunException;
import dev.jrun.core.state.InvalidContainerIdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `jrun run ARG`: a bundle directory or an id. */
class RunTargetTest {
    @TempDir
    Path tmp;

    private Path bundle(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("config.json"), "{}");
        return dir;
    }

    private Path root() {
        return tmp.resolve("state");
    }

    @Test
    void aDirectoryWithConfigIsABundleNamedAfterIt() throws IOException {
        Path b = bundle("web");
        RunTarget t = RunTarget.resolve(b + "/", null, root());
        assertEquals("web", t.id());
        assertEquals(Path.of(b + "/"), t.bundle());
    }

    @Test
    void theNameIsMadeUniqueAmongExistingContainers() throws IOException {
        Path b = bundle("web");
        Files.createDirectories(root().resolve("web"));
        Files.createDirectories(root().resolve("web-2"));
        assertEquals("web-3", RunTarget.resolve(b.toString(), null, root()).id());
    }

    @Test
    void aPlainNameIsTheIdAndTheBundleIsTheFlagOrTheWorkingDirectory() throws IOException {
        bundle("web"); // a directory of that name in the cwd does not matter without a "/"
        RunTarget t = RunTarget.resolve("web", null, root());
        assertEquals("web", t.id());
        assertEquals(Path.of("."), t.bundle());
        assertEquals(Path.of("/b"), RunTarget.resolve("c1", "/b", root()).bundle());
    }

    @Test
    void aSlashWithoutConfigIsNoBundle() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        // Then it is an id, and "/" makes it an invalid one.
        assertThrows(InvalidContainerIdException.class, () -> RunTarget.resolve(empty.toString(), null, root()));
    }

    @Test
    void aDirectoryNameThatIsNoValidIdIsRefused() throws IOException {
        Path b = bundle("my bundle");
        InvalidContainerIdException e = assertThrows(InvalidContainerIdException.class,
                () -> RunTarget.resolve(b.toString(), null, root()));
        assertTrue(e.getMessage().startsWith("invalid container ID format: \"my bundle\""), e.getMessage());
    }

    @Test
    void aBundleArgumentAndBundleFlagTogetherAreRefused() throws IOException {
        Path b = bundle("web");
        JrunException e = assertThrows(JrunException.class, () -> RunTarget.resolve(b.toString(), "/other", root()));
        assertTrue(e.getMessage().contains("give the bundle once"), e.getMessage());
    }

    @Test
    void dotIsTheWorkingDirectoryWhenItHoldsAConfig() {
        Path cwd = Path.of("").toAbsolutePath();
        boolean hasConfig = Files.isRegularFile(cwd.resolve("config.json"));
        assertEquals(hasConfig, RunTarget.looksLikeBundle("."));
        assertTrue(RunTarget.looksLikeBundle(tmp.toString()) == Files.isRegularFile(tmp.resolve("config.json")));
    }
}
