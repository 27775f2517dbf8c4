package dev.jrun.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create reads, validates and support-checks config.json through SpecBinder: databind must not be needed. */
class ConfigReadNeedsNoDatabindTest {
    @TempDir
    Path tmp;

    @Test
    void bundleLoadAndSupportCheckWorkWithoutDatabindOnTheClassPath() throws Exception {
        String out = dev.jrun.core.WithoutDatabind.run(CreateConfigWithoutDatabind.class, tmp.resolve("bundle").toString());
        assertTrue(out.contains("keys true args [sh]"), out);
    }
}
