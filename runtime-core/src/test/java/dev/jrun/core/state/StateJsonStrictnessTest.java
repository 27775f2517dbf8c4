package dev.jrun.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state.json on jrun's own JSON codec: strict parsing, clear problems, and no jackson at all. */
class StateJsonStrictnessTest {
    @TempDir
    Path tmp;

    private static String problem(String json) {
        return assertThrows(CorruptStateException.class,
                () -> StateJson.parse(json.getBytes(StandardCharsets.UTF_8), "f")).problem();
    }

    private static String valid() {
        return new String(StateJson.write(StateJsonTest.created("c1", "root", Map.of("k", "v"))),
                StandardCharsets.UTF_8);
    }

    @Test
    void internalFormatIsCompactAndRoundTripsAwkwardStrings() {
        assertEquals("{\"ociVersion\":\"1.0.2-dev\",\"id\":\"c1\",\"pid\":2030,\"status\":\"created\","
                + "\"bundle\":\"/tmp/ref/b\",\"rootfs\":\"/tmp/ref/b/rootfs\","
                + "\"created\":\"2026-12-02T14:01:19.065313532Z\",\"annotations\":{\"k\":\"v\"},\"owner\":\"root\","
                + "\"initStartTime\":123456}", valid());
        ContainerState s = StateJsonTest.created("c1", "r\u00e9\uD83D\uDE00",
                Map.of("ctl", "\u0000\u001f\b\f\n\r\t\"\\/", "html", "<&>\u2028\u2029"));
        assertEquals(s, StateJson.parse(StateJson.write(s), "t"));
    }

    @Test
    void readsStateWrittenByTheJacksonBasedVersion() {
        // jackson-core's default escaping (\b, uppercase hex, raw <>&) must still read back.
        String old = "{\"ociVersion\":\"1.0.2-dev\",\"id\":\"c1\",\"pid\":2030,\"status\":\"created\","
                + "\"bundle\":\"/b\\b\\u001F\",\"rootfs\":\"/b/rootfs\",\"created\":\"2026-12-02T14:01:19.065313532Z\","
                + "\"annotations\":{\"k\":\"<&>\"},\"owner\":\"\",\"initStartTime\":9}";
        ContainerState s = StateJson.parse(old.getBytes(StandardCharsets.UTF_8), "f");
        assertEquals("/b\b\u001f", s.bundle());
        assertEquals(Map.of("k", "<&>"), s.annotations());
        assertEquals(9L, s.initStartTime());
    }

    @Test
    void toleratesUnknownFieldsAndOptionalOnes() {
        String json = valid().replace(",\"initStartTime\":123456", "").replace("{\"ociVersion\"",
                "{\"future\":{\"x\":[1,2.5,null]},\"ociVersion\"");
        ContainerState s = StateJson.parse(json.getBytes(StandardCharsets.UTF_8), "f");
        assertEquals(0L, s.initStartTime());
        assertEquals(Map.of(), StateJson.parse(valid().replace("\"annotations\":{\"k\":\"v\"}", "\"annotations\":null")
                .getBytes(StandardCharsets.UTF_8), "f").annotations());
    }

    @Test
    void corruptFilesAreDescribed() {
        assertEquals("truncated JSON (unexpected end of input, expected an object key)",
                problem(valid().substring(0, valid().indexOf("\"pid\""))));
        assertEquals("truncated JSON (unexpected end of input, expected ',' or '}')",
                problem(valid().substring(0, valid().length() - 1)));
        assertEquals("truncated JSON (unterminated string)", problem("{\"ociVersion\":\"1.0"));
        assertEquals("invalid JSON: unexpected content after the JSON value at line 1, column "
                + (valid().length() + 1), problem(valid() + "{}"));
        assertEquals("invalid JSON: unexpected character 'x', expected ',' or '}' at line 2, column 3",
                problem("{\"id\":\"c1\"\n  x"));
        assertEquals("invalid JSON: duplicate object key \"id\" at line 1, column 12",
                problem("{\"id\":\"a\", \"id\":\"b\"}"));
        assertEquals("invalid JSON: bad escape 'q' in string at line 1, column 9", problem("{\"id\":\"a\\q\"}"));
        assertEquals("expected a JSON object", problem("  \"str\""));
        assertEquals("expected a JSON object", problem(" \n"));
        assertEquals("field \"pid\" must be an integer", problem(valid().replace("2030", "20.5")));
        assertEquals("field \"pid\" must be an integer", problem(valid().replace("2030", "null")));
        assertEquals("field \"pid\" is out of range: 4294967296", problem(valid().replace("2030", "4294967296")));
        assertEquals("field \"initStartTime\" must be an integer", problem(valid().replace("123456", "\"1\"")));
        assertEquals("field \"initStartTime\" is out of range: 99999999999999999999",
                problem(valid().replace("123456", "99999999999999999999")));
        assertEquals("field \"owner\" must be a string", problem(valid().replace("\"root\"", "1")));
        assertEquals("field \"annotations\" must be an object", problem(valid().replace("{\"k\":\"v\"}", "[]")));
        assertEquals("field \"annotations.k\" must be a string", problem(valid().replace("\"v\"", "true")));
        assertEquals("missing field \"owner\"", problem(valid().replace(",\"owner\":\"root\"", "")));
    }

    @Test
    void stateCommandsWorkWithoutAnyJacksonOnTheClassPath() throws Exception {
        String[] full = System.getProperty("java.class.path").split(File.pathSeparator);
        List<String> reduced = new ArrayList<>();
        boolean sawJackson = false;
        for (String entry : full) {
            if (entry.contains("jackson")) {
                sawJackson = true;
            } else {
                reduced.add(entry);
            }
        }
        assertTrue(sawJackson, "test would prove nothing");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, reduced), StateCommandsWithoutDatabind.class.getName(),
                tmp.resolve("root").toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("\"status\": \"stopped\"") && out.contains("\"pid\": 0"), out);
        assertTrue(out.contains("[{\"ociVersion\":\"1.2.1\",\"id\":\"c1\""), out);
    }
}
