package dev.jrun.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jrun state} and {@code jrun list} must start fast: the state package must not need databind (nor, since StateJsonStrictnessTest, any jackson). */
class NoDatabindTest {
    @TempDir
    Path tmp;

    @Test
    void stateCommandsWorkWithoutDatabindOnTheClassPath() throws Exception {
        String out = dev.jrun.core.WithoutDatabind.run(StateCommandsWithoutDatabind.class, tmp.resolve("root").toString());
        assertTrue(out.contains("\"status\": \"stopped\"") && out.contains("\"pid\": 0"), out);
        assertTrue(out.contains("[{\"ociVersion\":\"1.2.1\",\"id\":\"c1\""), out);
    }
}
