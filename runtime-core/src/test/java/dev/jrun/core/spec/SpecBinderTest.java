package dev.jrun.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The edge cases of SpecBinder's contract; SpecBinderDifferentialTest checks it against jackson wholesale. */
class SpecBinderTest {
    private static Spec parse(String json) {
        return SpecBinder.parse(json, "c");
    }

    private static ConfigException error(String json) {
        return assertThrows(ConfigException.class, () -> parse(json));
    }

    @Test
    void unknownPropertiesAndOtherPlatformsAreSkippedButReported() {
        SpecBinder.Bound b = SpecBinder.bind("""
                {"ociVersion": "1.2.1", "process": {"cwd": "/", "future": {"x": [1, 2.5, null]}},
                 "solaris": {"milestone": "m"}, "windows": {"layerFolders": []}, "vm": {"kernel": {"path": "/k"}}}
                """.getBytes(StandardCharsets.UTF_8), "c");
        assertEquals("/", b.spec().process().cwd());
        assertEquals(Set.of("ociVersion", "process", "solaris", "windows", "vm"), b.topLevelKeys());
        assertEquals(new Spec("1.2.1", b.spec().process(), null, null, null, null, null, null, null), b.spec());
    }

    @Test
    void nullAndAbsentAreBothNullAndNullsInsideCollectionsAreKept() {
        Spec spec = parse("""
                {"hostname": null, "process": {"args": ["a", null], "rlimits": [null]},
                 "annotations": {"a": null}, "linux": {"timeOffsets": {"boottime": null}}}
                """);
        assertNull(spec.hostname());
        assertNull(spec.root());
        assertEquals(Arrays.asList("a", null), spec.process().args());
        assertEquals(Arrays.asList((Process.Rlimit) null), spec.process().rlimits());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("a", null);
        assertEquals(annotations, spec.annotations());
        assertTrue(spec.linux().timeOffsets().containsKey("boottime"));
    }

    @Test
    void aRepeatedKeyReplacesTheEarlierValue() {
        Spec spec = parse("{\"hostname\": \"a\", \"hostname\": \"b\", \"process\": {\"user\": {\"uid\": 1},"
                + " \"user\": {\"gid\": 2}}}");
        assertEquals("b", spec.hostname());
        assertEquals(new Process.User(null, 2L, null, null, null), spec.process().user());
    }

    @Test
    void uint64KeepsGosBitPatternAndRefusesWhatDoesNotFit() {
        Spec spec = parse("{\"process\": {\"rlimits\": [{\"hard\": 18446744073709551615, \"soft\": 9223372036854775808}]},"
                + " \"linux\": {\"seccomp\": {\"syscalls\": [{\"args\": [{\"value\": 18446744073709551614}]}]}}}");
        assertEquals(-1L, spec.process().rlimits().getFirst().hard());
        assertEquals(Long.MIN_VALUE, spec.process().rlimits().getFirst().soft());
        assertEquals(-2L, spec.linux().seccomp().syscalls().getFirst().args().getFirst().value());
        assertEquals("c: process.rlimits[0].soft: expected an unsigned 64-bit integer, got 18446744073709551616"
                + " (line 1, column 35)", error("{\"process\": {\"rlimits\": [{\"soft\": 18446744073709551616}]}}")
                .getMessage());
        assertEquals("process.rlimits[0].hard", error("{\"process\": {\"rlimits\": [{\"hard\": -1}]}}").jsonPath());
        assertEquals(0L, parse("{\"process\": {\"rlimits\": [{\"hard\": -0}]}}").process().rlimits().getFirst().hard());
    }

    @Test
    void floatsAreNotIntegersAndStringsAreNotNumbers() {
        assertEquals("c: process.oomScoreAdj: expected an integer, got 1.0 (line 1, column 29)",
                error("{\"process\": {\"oomScoreAdj\": 1.0}}").getMessage());
        assertEquals("c: linux.devices[0].major: expected an integer, got 1e2 (line 1, column 34)",
                error("{\"linux\": {\"devices\": [{\"major\": 1e2}]}}").getMessage());
        assertEquals("c: process.user.uid: expected a number, got \"0\" (line 1, column 30)",
                error("{\"process\": {\"user\": {\"uid\": \"0\"}}}").getMessage());
        assertEquals("c: process.terminal: expected a boolean, got 1 (line 1, column 26)",
                error("{\"process\": {\"terminal\": 1}}").getMessage());
    }

    @Test
    void integersMustFitTheirField() {
        ConfigException i = error("{\"process\": {\"oomScoreAdj\": 2147483648}}");
        assertEquals("c: process.oomScoreAdj: number 2147483648 is out of range for a 32-bit integer"
                + " (line 1, column 29)", i.getMessage());
        assertEquals(Integer.MIN_VALUE, parse("{\"process\": {\"oomScoreAdj\": -2147483648}}").process().oomScoreAdj());
        ConfigException l = error("{\"linux\": {\"devices\": [{\"major\": 9223372036854775808}]}}");
        assertEquals("linux.devices[0].major", l.jsonPath());
        assertTrue(l.getMessage().contains("out of range for a 64-bit integer"), l.getMessage());
    }

    @Test
    void wrongTypesNameTheirPath() {
        assertEquals("c: process.args: expected an array, got \"sh\" (line 1, column 22)",
                error("{\"process\": {\"args\": \"sh\"}}").getMessage());
        assertEquals("c: linux.namespaces[2].type: expected a string, got 3 (line 1, column 66)",
                error("{\"linux\": {\"namespaces\": [{\"type\":\"pid\"},{\"type\":\"pid\"},{\"type\": 3}]}}").getMessage());
        assertEquals("annotations[\"io.podman.x\"]", error("{\"annotations\": {\"io.podman.x\": true}}").jsonPath());
        assertEquals("linux.sysctl.a", error("{\"linux\": {\"sysctl\": {\"a\": 1}}}").jsonPath());
        assertEquals("c: process: expected an object, got an array (line 1, column 13)",
                error("{\"process\": []}").getMessage());
    }

    @Test
    void theDocumentMustBeOneObject() {
        assertEquals("c: expected an object, got null", error("null").getMessage());
        assertNull(error("null").jsonPath());
        assertEquals("c: expected an object, got an array (line 1, column 1)", error("[]").getMessage());
        assertEquals("c: expected an object, got nothing (line 1, column 1)", error("").getMessage());
        assertEquals("c: malformed JSON: unexpected content after the JSON value (line 1, column 4)",
                error("{} {}").getMessage());
    }

    @Test
    void syntaxErrorsNameTheEnclosingValue() {
        ConfigException e = error("{\"ociVersion\": \"1.2.1\",\n\"process\": {\"cwd\": \"/\",}}");
        assertEquals("config: process: malformed JSON: unexpected character '}', expected a string object key"
                + " (line 2, column 24)", SpecBinderTest.rename(e));
        assertEquals("process.args[1]", error("{\"process\": {\"args\": [\"a\",]}}").jsonPath());
        assertEquals("process.cwd", error("{\"process\": {\"cwd\": \"a\\q\"}}").jsonPath());
    }

    @Test
    void keysAreCaseSensitiveAndJavaNamesAreNotJsonNames() {
        Spec spec = parse("{\"process\": {\"Cwd\": \"/\", \"ioPriority\": {\"ioClass\": \"x\", \"class\": \"y\"},"
                + " \"execCPUAffinity\": {\"finalAffinity\": \"1\", \"final\": \"2\"}}}");
        assertNull(spec.process().cwd());
        assertEquals(new Process.IoPriority("y", null), spec.process().ioPriority());
        assertEquals(new Process.ExecCpuAffinity(null, "2"), spec.process().execCPUAffinity());
    }

    private static String rename(ConfigException e) {
        return "config" + e.getMessage().substring(1);
    }
}
