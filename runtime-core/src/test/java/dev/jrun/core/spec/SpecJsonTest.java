package dev.jrun.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecJsonTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"configs/podman-busybox.json", "configs/containerd-busybox.json",
            "configs/runc-spec.json", "configs/runc-spec-rootless.json"})
    void realConfigsRoundTripWithoutLoss(String name) throws IOException {
        String original = DefaultSpecsTest.resource(name);
        Spec spec = SpecJson.parse(original, name);
        String written = SpecJson.write(spec);
        assertEquals(spec, SpecJson.parse(written, "written"));
        assertEquals(PLAIN.readTree(original), PLAIN.readTree(written));
    }

    @Test
    void podmanFixtureDecodesIntoTheRightFields() throws IOException {
        Spec spec = SpecJson.parse(DefaultSpecsTest.resource("configs/podman-busybox.json"), "podman");
        assertEquals(18L, spec.process().user().umask());
        assertEquals("/etc/hosts", spec.mounts().get(7).destination());
        assertEquals("libpod", spec.annotations().get("io.container.manager"));
        assertEquals(10, spec.hooks().prestart().getFirst().timeout());
        assertEquals(4294967295L, spec.linux().seccomp().syscalls().get(4).args().getFirst().value());
        assertTrue(spec.linux().cgroupsPath().startsWith("machine.slice:libpod:"));
    }

    @Test
    void everyModelledFieldSurvivesARoundTrip() throws IOException {
        // Fields the real-world fixtures do not use, so that a misnamed record component cannot hide.
        String json = """
                {"ociVersion": "1.2.1",
                 "process": {"consoleSize": {"height": 24, "width": 80}, "user": {"uid": 4294967295, "gid": 1, "username": "u"},
                   "commandLine": "sh", "cwd": "/", "selinuxLabel": "l", "ioPriority": {"class": "IOPRIO_CLASS_BE", "priority": 3},
                   "scheduler": {"policy": "SCHED_DEADLINE", "nice": 1, "priority": 2, "flags": ["SCHED_FLAG_RECLAIM"], "runtime": 3, "deadline": 4, "period": 5},
                   "execCPUAffinity": {"initial": "0", "final": "1-3"}, "capabilities": {"inheritable": [], "ambient": []}},
                 "root": {"path": "r", "readonly": false}, "domainname": "d",
                 "mounts": [{"destination": "/m", "uidMappings": [{"containerID": 0, "hostID": 1, "size": 2}], "gidMappings": []}],
                 "hooks": {"createContainer": [{"path": "/h"}], "startContainer": [{"path": "/h"}], "poststop": [{"path": "/h"}]},
                 "linux": {"timeOffsets": {"monotonic": {"secs": 1, "nanosec": 2}},
                   "resources": {"memory": {"kernel": 1, "kernelTCP": 2, "useHierarchy": true, "checkBeforeUpdate": true},
                     "cpu": {"burst": 1, "realtimeRuntime": 2, "realtimePeriod": 3, "idle": 1},
                     "blockIO": {"leafWeight": 10, "weightDevice": [{"major": 1, "minor": 2, "leafWeight": 3}],
                       "throttleWriteBpsDevice": [{"major": 1, "minor": 2, "rate": 3}], "throttleReadIOPSDevice": [], "throttleWriteIOPSDevice": []},
                     "network": {"classID": 1048577, "priorities": [{"name": "eth0", "priority": 5}]},
                     "rdma": {"mlx5_1": {"hcaHandles": 3, "hcaObjects": 10000}}},
                   "rootfsPropagation": "rslave", "mountLabel": "m",
                   "seccomp": {"defaultAction": "SCMP_ACT_NOTIFY", "flags": ["SECCOMP_FILTER_FLAG_LOG"], "listenerPath": "/run/l.sock", "listenerMetadata": "md"},
                   "intelRdt": {"closID": "c", "l3CacheSchema": "L3:0=ff", "memBwSchema": "MB:0=70", "schemata": ["L2:0=f"], "enableCMT": true, "enableMBM": false, "enableMonitoring": true},
                   "personality": {"domain": "LINUX32", "flags": []}, "netDevices": {"eth1": {"name": "eth9"}},
                   "memoryPolicy": {"mode": "MPOL_BIND", "nodes": "0-1", "flags": ["MPOL_F_STATIC_NODES"]}}}
                """;
        String written = SpecJson.write(SpecJson.parse(json, "all-fields"));
        assertEquals(PLAIN.readTree(json), PLAIN.readTree(written));
    }

    @Test
    void unknownPropertiesAreIgnored() {
        Spec spec = SpecJson.parse("""
                {"ociVersion": "1.3.0", "vm": {"hypervisor": {}}, "process": {"cwd": "/", "future": 1}}""", "c");
        assertEquals("/", spec.process().cwd());
    }

    @Test
    void absentStaysAbsent() {
        String written = SpecJson.write(SpecJson.parse("{\"ociVersion\": \"1.2.1\", \"process\": {\"cwd\": \"/\"}}", "c"));
        assertEquals("{\n\t\"ociVersion\": \"1.2.1\",\n\t\"process\": {\n\t\t\"cwd\": \"/\"\n\t}\n}", written);
    }

    @Test
    void emptyCollectionsAndHtmlCharactersAreWrittenLikeGo() {
        Spec spec = new Spec("1.2.1", null, null, "a<b>&c", null, List.of(), null, java.util.Map.of(), null);
        assertEquals("{\n\t\"ociVersion\": \"1.2.1\",\n\t\"hostname\": \"a\\u003cb\\u003e\\u0026c\",\n\t\"mounts\": [],\n"
                + "\t\"annotations\": {}\n}", SpecJson.write(spec));
    }

    @Test
    void wrongTypeNamesPathValueAndPosition() {
        String json = "{\n  \"ociVersion\": \"1.2.1\",\n  \"process\": {\n    \"rlimits\": [\n      {\"type\": \"RLIMIT_NOFILE\", \"hard\": \"abc\", \"soft\": 1}\n    ]\n  }\n}";
        ConfigException e = assertThrows(ConfigException.class, () -> SpecJson.parse(json, "config.json"));
        assertEquals("config.json: process.rlimits[0].hard: expected a number, got \"abc\" (line 5, column 41)",
                e.getMessage());
        assertEquals("process.rlimits[0].hard", e.jsonPath());
    }

    @Test
    void numbersAreNotCoercedFromStringsOrFloats() {
        ConfigException quoted = assertThrows(ConfigException.class,
                () -> SpecJson.parse("{\"process\": {\"user\": {\"uid\": \"0\"}}}", "c"));
        assertEquals("process.user.uid", quoted.jsonPath());
        ConfigException fraction = assertThrows(ConfigException.class,
                () -> SpecJson.parse("{\"process\": {\"oomScoreAdj\": 1.5}}", "c"));
        assertEquals("c: process.oomScoreAdj: expected an integer, got 1.5 (line 1, column 29)", fraction.getMessage());
        ConfigException number = assertThrows(ConfigException.class,
                () -> SpecJson.parse("{\"hostname\": 7}", "c"));
        assertEquals("c: hostname: expected a string, got 7 (line 1, column 14)", number.getMessage());
    }

    @Test
    void objectWhereArrayExpected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SpecJson.parse("{\"process\": {\"args\": {\"a\": 1}}}", "c"));
        assertEquals("c: process.args: expected an array, got an object (line 1, column 22)", e.getMessage());
    }

    @Test
    void mapKeysAreQuotedInPaths() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SpecJson.parse("{\"annotations\": {\"io.podman.x\": true}}", "c"));
        assertEquals("annotations[\"io.podman.x\"]", e.jsonPath());
    }

    @Test
    void malformedJsonReportsPosition() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SpecJson.parse("{\"ociVersion\": \"1.2.1\",\n\"process\": {\"cwd\": \"/\",}}", "config.json"));
        assertTrue(e.getMessage().startsWith("config.json: process: malformed JSON: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(line 2, column 24)"), e.getMessage());
    }

    @Test
    void trailingGarbageIsRejected() {
        assertThrows(ConfigException.class, () -> SpecJson.parse("{} {}", "c"));
    }

    @Test
    void outOfRangeNumberNamesItsPath() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SpecJson.parse("{\"linux\": {\"resources\": {\"memory\": {\"limit\": 99999999999999999999}}}}", "c"));
        assertEquals("linux.resources.memory.limit", e.jsonPath());
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void uint64ValuesAboveLongMaxRoundTrip() throws IOException {
        String json = "{\"process\": {\"rlimits\": [{\"type\": \"RLIMIT_MEMLOCK\", \"hard\": 18446744073709551615, "
                + "\"soft\": 9223372036854775808}]}, \"linux\": {\"seccomp\": {\"syscalls\": [{\"args\": "
                + "[{\"index\": 0, \"value\": 18446744073709551614, \"valueTwo\": 0}]}]}}}";
        Spec spec = SpecJson.parse(json, "c");
        assertEquals(-1L, spec.process().rlimits().getFirst().hard());
        assertEquals("9223372036854775808", Uint64.toString(spec.process().rlimits().getFirst().soft()));
        assertEquals(PLAIN.readTree(json), PLAIN.readTree(SpecJson.write(spec)));
    }

    @Test
    void uint64RejectsNegativeAndTooLarge() {
        ConfigException negative = assertThrows(ConfigException.class, () -> SpecJson.parse(
                "{\"process\": {\"rlimits\": [{\"type\": \"RLIMIT_CORE\", \"hard\": -1}]}}", "c"));
        assertEquals("c: process.rlimits[0].hard: expected an unsigned 64-bit integer, got -1 (line 1, column 58)",
                negative.getMessage());
        ConfigException large = assertThrows(ConfigException.class, () -> SpecJson.parse(
                "{\"process\": {\"rlimits\": [{\"soft\": 18446744073709551616}]}}", "c"));
        assertEquals("process.rlimits[0].soft", large.jsonPath());
    }

    @Test
    void missingFileSaysWhatToCheck(@TempDir Path dir) {
        Path config = dir.resolve("config.json");
        ConfigException e = assertThrows(ConfigException.class, () -> SpecJson.read(config));
        assertEquals("open " + config + ": no such file or directory (is --bundle right?)", e.getMessage());
        assertNull(e.jsonPath());
    }

    @Test
    void readUsesTheFileNameAsSource(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"root\": {\"readonly\": \"no\"}}");
        ConfigException e = assertThrows(ConfigException.class, () -> SpecJson.read(config));
        assertEquals("config.json: root.readonly: expected a boolean, got \"no\" (line 1, column 23)", e.getMessage());
    }

    @Test
    void nullDocumentIsRejected() {
        assertThrows(ConfigException.class, () -> SpecJson.parse("null", "c"));
    }

    @Test
    void treeOfWrittenDefaultMatchesAnIndependentParse() throws IOException {
        JsonNode tree = PLAIN.readTree(SpecJson.write(DefaultSpecs.standard()));
        assertEquals("rwm", tree.at("/linux/resources/devices/0/access").asText());
    }
}
