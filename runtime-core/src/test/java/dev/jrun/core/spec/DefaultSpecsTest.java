package dev.jrun.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DefaultSpecsTest {

    static String resource(String name) throws IOException {
        try (InputStream in = DefaultSpecsTest.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** runc's output with only the two values jrun deliberately changes. */
    private static String runcWithJrunValues(String runc) {
        return runc.replace("\"ociVersion\": \"1.0.2-dev\"", "\"ociVersion\": \"1.2.1\"")
                .replace("\"hostname\": \"runc\"", "\"hostname\": \"jrun\"");
    }

    @Test
    void standardIsByteIdenticalToRuncSpec() throws IOException {
        String runc = resource("configs/runc-spec.json");
        assertEquals(runcWithJrunValues(runc), SpecJson.write(DefaultSpecs.standard()));
    }

    @Test
    void rootlessIsByteIdenticalToRuncSpecRootless() throws IOException {
        String runc = resource("configs/runc-spec-rootless.json");
        assertEquals(runcWithJrunValues(runc), SpecJson.write(DefaultSpecs.rootless(0, 0)));
    }

    @Test
    void rootlessMapsRootToTheCaller() {
        Spec spec = DefaultSpecs.rootless(1000, 1001);
        assertEquals(new IdMapping(0L, 1000L, 1L), spec.linux().uidMappings().getFirst());
        assertEquals(new IdMapping(0L, 1001L, 1L), spec.linux().gidMappings().getFirst());
    }

    @Test
    void writtenTextHasNoTrailingNewlineLikeRunc() {
        String text = SpecJson.write(DefaultSpecs.standard());
        assertEquals('}', text.charAt(text.length() - 1));
    }

    @Test
    void parsingRuncOutputGivesTheDefaultModel() throws IOException {
        Spec parsed = SpecJson.parse(runcWithJrunValues(resource("configs/runc-spec.json")), "config.json");
        assertEquals(DefaultSpecs.standard(), parsed);
    }
}
