package dev.jrun.core.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.spec.LinuxResources;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourcesJsonTest {
    private static ResourceUpdate parse(String json) {
        return ResourcesJson.parse(json.getBytes(StandardCharsets.UTF_8), "/tmp/r.json");
    }

    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> parse(json)).getMessage();
    }

    @Test
    void runcsDocumentedShape() {
        ResourceUpdate u = parse("{\"memory\":{\"limit\":104857600,\"reservation\":0,\"swap\":-1},"
                + "\"cpu\":{\"shares\":512,\"quota\":50000,\"period\":100000,\"realtimeRuntime\":0,"
                + "\"realtimePeriod\":0,\"cpus\":\"0\",\"mems\":\"\"},\"blockIO\":{\"weight\":300},"
                + "\"pids\":{\"limit\":64},\"unified\":{\"memory.high\":\"50M\"}}");
        LinuxResources r = u.resources();
        assertEquals(new LinuxResources.Memory(104857600L, null, -1L, null, null, null, null, null, null), r.memory());
        assertEquals(new LinuxResources.Cpu(512L, 50000L, null, 100000L, null, null, "0", null, null), r.cpu());
        assertEquals(300, r.blockIO().weight());
        assertEquals(64L, r.pids().limit());
        assertEquals(Map.of("memory.high", "50M"), r.unified());
        assertEquals(List.of(), u.warnings());
    }

    @Test
    void emptyDocumentChangesNothing() {
        assertEquals(new LinuxResources(null, null, null, null, null, null, null, null, null), parse("{}").resources());
        assertNull(parse("null").resources().memory());
    }

    @Test
    void settingsRuncDoesNotUpdateAreWarnedAboutByPath() {
        ResourceUpdate u = parse("{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}],\"memory\":{\"limit\":1,"
                + "\"swappiness\":10,\"kernel\":5},\"pids\":{\"limit\":3}}");
        assertEquals(1L, u.resources().memory().limit());
        assertNull(u.resources().devices());
        assertEquals(3, u.warnings().size(), u.warnings().toString());
        assertEquals(ResourceUpdate.KERNEL_MEMORY_WARNING, u.warnings().get(0));
        assertTrue(u.warnings().get(1).startsWith("update does not apply devices (in /tmp/r.json)"), u.warnings()
                .toString());
        assertTrue(u.warnings().get(2).startsWith("update does not apply memory.swappiness"), u.warnings().toString());
    }

    @Test
    void badValuesNameTheFileAndPath() {
        assertEquals("/tmp/r.json: memory.limit: expected an integer within int64, got the string \"1g\"",
                error("{\"memory\":{\"limit\":\"1g\"}}"));
        assertEquals("/tmp/r.json: cpu.shares: expected an unsigned integer within uint64, got -1",
                error("{\"cpu\":{\"shares\":-1}}"));
        assertEquals("/tmp/r.json: cpu.cpus: expected a string, got 3", error("{\"cpu\":{\"cpus\":3}}"));
        assertEquals("/tmp/r.json: pids: expected an object, got an array", error("{\"pids\":[]}"));
        assertEquals("/tmp/r.json: blockIO.weight: must fit in uint16, got 70000",
                error("{\"blockIO\":{\"weight\":70000}}"));
        assertEquals("/tmp/r.json: the top level: expected an object, got 3", error("3"));
        assertTrue(error("{\"memory\":").startsWith("/tmp/r.json: invalid JSON: "), error("{\"memory\":"));
    }
}
