package dev.jrun.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateJsonTest {
    static final Instant CREATED = Instant.parse("2026-12-02T14:01:19.065313532Z");

    static ContainerState created(String id, String owner, Map<String, String> annotations) {
        return new ContainerState("1.0.2-dev", id, 2030, ContainerStatus.CREATED, "/tmp/ref/b", "/tmp/ref/b/rootfs",
                CREATED, annotations, owner, 123456L);
    }

    @Test
    void rendersRuncStateExactly() {
        // Captured from runc 1.1.5 on the build VM, plus the newline jrun adds.
        String expected = """
                {
                  "ociVersion": "1.0.2-dev",
                  "id": "c1",
                  "pid": 2030,
                  "status": "created",
                  "bundle": "/tmp/ref/b",
                  "rootfs": "/tmp/ref/b/rootfs",
                  "created": "2026-12-02T14:01:19.065313532Z",
                  "owner": ""
                }
                """;
        assertEquals(expected, StateJson.renderState(created("c1", "", Map.of())));
    }

    @Test
    void rendersAnnotationsSortedAndIndentedLikeGo() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("z", "last");
        annotations.put("a", "first");
        String expected = """
                {
                  "ociVersion": "1.0.2-dev",
                  "id": "c1",
                  "pid": 2030,
                  "status": "created",
                  "bundle": "/tmp/ref/b",
                  "rootfs": "/tmp/ref/b/rootfs",
                  "created": "2026-12-02T14:01:19.065313532Z",
                  "annotations": {
                    "a": "first",
                    "z": "last"
                  },
                  "owner": ""
                }
                """;
        assertEquals(expected, StateJson.renderState(created("c1", "", annotations)));
    }

    @Test
    void matchesRuncOutputForAStoppedContainerWithAnnotationsNeedingEscapes() {
        // Both strings captured from runc 1.1.5 on the build VM (runc state has no trailing newline; jrun adds one).
        ContainerState s = new ContainerState("1.0.2-dev", "c1", 0, ContainerStatus.STOPPED, "/tmp/refb",
                "/tmp/refb/rootfs", Instant.parse("2026-12-02T14:13:38.293761681Z"),
                Map.of("z.b", "x<&>y", "a.b", "1"), "", 0);
        assertEquals("""
                {
                  "ociVersion": "1.0.2-dev",
                  "id": "c1",
                  "pid": 0,
                  "status": "stopped",
                  "bundle": "/tmp/refb",
                  "rootfs": "/tmp/refb/rootfs",
                  "created": "2026-12-02T14:13:38.293761681Z",
                  "annotations": {
                    "a.b": "1",
                    "z.b": "x\\u003c\\u0026\\u003ey"
                  },
                  "owner": ""
                }
                """, StateJson.renderState(s));
        ContainerState listed = new ContainerState("1.0.2-dev", "c1", 4726, ContainerStatus.CREATED, "/tmp/refb",
                "/tmp/refb/rootfs", Instant.parse("2026-12-02T14:13:38.293761681Z"),
                Map.of("z.b", "x<&>y", "a.b", "1"), "root", 0);
        assertEquals("[{\"ociVersion\":\"1.0.2-dev\",\"id\":\"c1\",\"pid\":4726,\"status\":\"created\","
                + "\"bundle\":\"/tmp/refb\",\"rootfs\":\"/tmp/refb/rootfs\","
                + "\"created\":\"2026-12-02T14:13:38.293761681Z\","
                + "\"annotations\":{\"a.b\":\"1\",\"z.b\":\"x\\u003c\\u0026\\u003ey\"},\"owner\":\"root\"}]\n",
                StateJson.renderList(List.of(listed)));
    }

    @Test
    void rendersRuncListAsOneCompactLine() {
        String expected = "[{\"ociVersion\":\"1.0.2-dev\",\"id\":\"a\",\"pid\":2030,\"status\":\"created\","
                + "\"bundle\":\"/tmp/ref/b\",\"rootfs\":\"/tmp/ref/b/rootfs\","
                + "\"created\":\"2026-12-02T14:01:19.065313532Z\",\"owner\":\"root\"},"
                + "{\"ociVersion\":\"1.0.2-dev\",\"id\":\"b\",\"pid\":2030,\"status\":\"created\","
                + "\"bundle\":\"/tmp/ref/b\",\"rootfs\":\"/tmp/ref/b/rootfs\","
                + "\"created\":\"2026-12-02T14:01:19.065313532Z\",\"annotations\":{\"k\":\"v\"},\"owner\":\"root\"}]\n";
        assertEquals(expected, StateJson.renderList(List.of(created("a", "root", null),
                created("b", "root", Map.of("k", "v")))));
    }

    @Test
    void emptyListIsNullLikeGo() {
        assertEquals("null\n", StateJson.renderList(List.of()));
    }

    @Test
    void escapesLikeGoEncodingJson() {
        ContainerState s = new ContainerState("1", "c", 1, ContainerStatus.RUNNING, "/a<b>&c\u2028", "\u0001\b\n\"",
                CREATED, null, "", 0);
        String line = StateJson.renderList(List.of(s));
        assertTrue(line.contains("\"bundle\":\"/a\\u003cb\\u003e\\u0026c\\u2028\""), line);
        assertTrue(line.contains("\"rootfs\":\"\\u0001\\u0008\\n\\\"\""), line);
    }

    @Test
    void internalFormatRoundTripsAllFields() {
        ContainerState s = created("c1", "root", Map.of("k", "v", "k2", "<&>"));
        assertEquals(s, StateJson.parse(StateJson.write(s), "test"));
    }

    @Test
    void corruptInputNamesSourceAndProblem() {
        byte[] full = StateJson.write(created("c1", "", Map.of()));
        byte[] half = new String(full, StandardCharsets.UTF_8).substring(0, full.length / 2)
                .getBytes(StandardCharsets.UTF_8);
        var truncated = assertThrows(CorruptStateException.class, () -> StateJson.parse(half, "/x/state.json"));
        assertTrue(truncated.getMessage().contains("/x/state.json"), truncated.getMessage());
        assertTrue(truncated.problem().contains("truncated"), truncated.problem());

        var empty = assertThrows(CorruptStateException.class, () -> StateJson.parse(new byte[0], "f"));
        assertEquals("file is empty", empty.problem());

        var missing = assertThrows(CorruptStateException.class,
                () -> StateJson.parse("{\"id\":\"c1\"}".getBytes(StandardCharsets.UTF_8), "f"));
        assertTrue(missing.problem().startsWith("missing field"), missing.problem());

        var wrongType = assertThrows(CorruptStateException.class, () -> StateJson.parse(
                "{\"pid\":\"12\"}".getBytes(StandardCharsets.UTF_8), "f"));
        assertEquals("field \"pid\" must be an integer", wrongType.problem());

        var badStatus = assertThrows(CorruptStateException.class, () -> StateJson.parse(
                new String(full, StandardCharsets.UTF_8).replace("\"created\",", "\"sleeping\",")
                        .getBytes(StandardCharsets.UTF_8), "f"));
        assertTrue(badStatus.problem().contains("sleeping"), badStatus.problem());

        var notObject = assertThrows(CorruptStateException.class,
                () -> StateJson.parse("[]".getBytes(StandardCharsets.UTF_8), "f"));
        assertEquals("expected a JSON object", notObject.problem());
    }
}
