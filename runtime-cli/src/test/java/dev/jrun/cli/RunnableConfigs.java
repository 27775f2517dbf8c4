package dev.jrun.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrun.core.spec.DefaultSpecs;
import dev.jrun.core.spec.SpecJson;
import java.io.IOException;

/**
 * Configs the integration tests run: runc's default (with its deny-all device rule and its cgroup mount) less what
 * jrun refuses for now (a terminal).
 */
final class RunnableConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunnableConfigs() {
    }

    static ObjectNode running(String... args) throws IOException {
        ObjectNode c = (ObjectNode) JSON.readTree(SpecJson.write(DefaultSpecs.standard()));
        ObjectNode process = (ObjectNode) c.get("process");
        process.put("terminal", false);
        ArrayNode argv = process.putArray("args");
        for (String a : args) {
            argv.add(a);
        }
        return c;
    }
}
