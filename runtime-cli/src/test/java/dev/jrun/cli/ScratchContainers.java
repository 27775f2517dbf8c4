package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrun.fixtures.JrunProcess;
import dev.jrun.fixtures.JrunProcess.Result;
import dev.jrun.fixtures.TestBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One integration test's own containers: a --root under its temp directory, the bundles and ids it made, and
 * {@link #deleteAll()} for its @AfterEach, which removes those ids and nothing else.
 */
final class ScratchContainers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path tmp;
    private final List<String> ids = new ArrayList<>();

    ScratchContainers(Path tmp) {
        this.tmp = tmp;
    }

    Path root() {
        return tmp.resolve("root");
    }

    Result jrun(String... args) {
        List<String> all = new ArrayList<>(List.of("--root", root().toString()));
        all.addAll(List.of(args));
        return JrunProcess.run(all.toArray(String[]::new));
    }

    /** A bundle for container {@code id} (remembered for {@link #deleteAll()}). */
    Path bundle(String id, ObjectNode config) throws IOException {
        Path b = TestBundle.create(tmp.resolve(id), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        ids.add(id);
        return b;
    }

    /** {@code jrun run} in the foreground. */
    Result run(String id, ObjectNode config) throws IOException {
        return jrun("run", "--bundle", bundle(id, config).toString(), id);
    }

    /** {@code jrun create}, which must succeed; the init's host pid. */
    int create(String id, ObjectNode config) throws IOException {
        Path b = bundle(id, config);
        Path pidFile = tmp.resolve(id + ".pid");
        Result r = jrun("create", "--bundle", b.toString(), "--pid-file", pidFile.toString(), id);
        assertEquals(0, r.exitCode(), r.toString());
        return Integer.parseInt(Files.readString(pidFile));
    }

    void deleteAll() {
        for (String id : ids) {
            if (Files.exists(root().resolve(id))) {
                jrun("delete", "--force", id);
            }
        }
    }
}
