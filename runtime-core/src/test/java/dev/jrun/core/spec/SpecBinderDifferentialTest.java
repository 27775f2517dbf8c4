package dev.jrun.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrun.fixtures.InvalidConfigs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SpecBinder against the jackson decoding it replaced ({@link JacksonSpecReader}): the same records for every
 * document both accept, and for every document jackson refused an error at the same JSON path (with the same
 * message for type errors). Beyond the fixtures, every value of every fixture is replaced in turn by values of
 * every JSON kind, which walks each field of the model through each error and coercion rule.
 */
class SpecBinderDifferentialTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** Every field of the model with a value, so that each one is mutated at least once. */
    static final String ALL_FIELDS = """
            {"ociVersion": "1.2.1",
             "process": {"terminal": false, "consoleSize": {"height": 24, "width": 80},
               "user": {"uid": 4294967295, "gid": 1, "umask": 18, "additionalGids": [5, 6], "username": "u"},
               "args": ["sh"], "commandLine": "sh", "env": ["A=b"], "cwd": "/",
               "capabilities": {"bounding": ["CAP_KILL"], "effective": ["CAP_KILL"], "inheritable": [], "permitted": ["CAP_KILL"], "ambient": []},
               "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 18446744073709551615, "soft": 1024}],
               "noNewPrivileges": true, "apparmorProfile": "a", "oomScoreAdj": -17,
               "scheduler": {"policy": "SCHED_DEADLINE", "nice": 1, "priority": 2, "flags": ["SCHED_FLAG_RECLAIM"], "runtime": 3, "deadline": 4, "period": 5},
               "selinuxLabel": "l", "ioPriority": {"class": "IOPRIO_CLASS_BE", "priority": 3},
               "execCPUAffinity": {"initial": "0", "final": "1-3"}},
             "root": {"path": "r", "readonly": false}, "hostname": "h", "domainname": "d",
             "mounts": [{"destination": "/m", "type": "bind", "source": "/s", "options": ["rbind"],
               "uidMappings": [{"containerID": 0, "hostID": 1, "size": 2}], "gidMappings": [{"containerID": 0, "hostID": 1, "size": 2}]}],
             "hooks": {"prestart": [{"path": "/h", "args": ["h"], "env": ["E=1"], "timeout": 5}], "createRuntime": [{"path": "/h"}],
               "createContainer": [{"path": "/h"}], "startContainer": [{"path": "/h"}], "poststart": [{"path": "/h"}], "poststop": [{"path": "/h"}]},
             "annotations": {"io.x": "y", "plain": "z"},
             "linux": {"uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}], "gidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}],
               "sysctl": {"net.ipv4.ip_forward": "1"},
               "resources": {"devices": [{"allow": false, "type": "c", "major": 1, "minor": 3, "access": "rwm"}],
                 "memory": {"limit": 1, "reservation": 2, "swap": 3, "kernel": 4, "kernelTCP": 5, "swappiness": 60,
                   "disableOOMKiller": false, "useHierarchy": true, "checkBeforeUpdate": true},
                 "cpu": {"shares": 1, "quota": 2, "burst": 3, "period": 4, "realtimeRuntime": 5, "realtimePeriod": 6, "cpus": "0-1", "mems": "0", "idle": 1},
                 "pids": {"limit": 10},
                 "blockIO": {"weight": 10, "leafWeight": 10, "weightDevice": [{"major": 1, "minor": 2, "weight": 3, "leafWeight": 3}],
                   "throttleReadBpsDevice": [{"major": 1, "minor": 2, "rate": 3}], "throttleWriteBpsDevice": [{"major": 1, "minor": 2, "rate": 3}],
                   "throttleReadIOPSDevice": [{"major": 1, "minor": 2, "rate": 3}], "throttleWriteIOPSDevice": [{"major": 1, "minor": 2, "rate": 3}]},
                 "hugepageLimits": [{"pageSize": "2MB", "limit": 1}],
                 "network": {"classID": 1048577, "priorities": [{"name": "eth0", "priority": 5}]},
                 "rdma": {"mlx5_1": {"hcaHandles": 3, "hcaObjects": 10000}}, "unified": {"memory.high": "max"}},
               "cgroupsPath": "/c", "namespaces": [{"type": "pid"}, {"type": "network", "path": "/proc/1/ns/net"}],
               "devices": [{"path": "/dev/x", "type": "c", "major": 1, "minor": 2, "fileMode": 438, "uid": 0, "gid": 0}],
               "seccomp": {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1, "architectures": ["SCMP_ARCH_X86_64"],
                 "flags": ["SECCOMP_FILTER_FLAG_LOG"], "listenerPath": "/run/l.sock", "listenerMetadata": "md",
                 "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW", "errnoRet": 1,
                   "args": [{"index": 0, "value": 18446744073709551615, "valueTwo": 0, "op": "SCMP_CMP_EQ"}]}]},
               "rootfsPropagation": "rslave", "maskedPaths": ["/proc/kcore"], "readonlyPaths": ["/proc/sys"], "mountLabel": "m",
               "intelRdt": {"closID": "c", "l3CacheSchema": "L3:0=ff", "memBwSchema": "MB:0=70", "schemata": ["L2:0=f"], "enableCMT": true, "enableMBM": false, "enableMonitoring": true},
               "personality": {"domain": "LINUX32", "flags": []},
               "timeOffsets": {"monotonic": {"secs": 1, "nanosec": 2}}, "netDevices": {"eth1": {"name": "eth9"}},
               "memoryPolicy": {"mode": "MPOL_BIND", "nodes": "0-1", "flags": ["MPOL_F_STATIC_NODES"]}},
             "solaris": {"milestone": "x"}, "windows": {"layerFolders": []}, "vm": {"kernel": {"path": "/k"}}, "newerField": [1, {"a": null}]}
            """;

    /** Values of every JSON kind, and numbers at each limit the model has. */
    private static final List<String> REPLACEMENTS = List.of("null", "\"x\"", "\"\"", "\"1\"", "0", "-0", "-1", "7",
            "1.5", "1.0", "1e2", "-1.0e-3", "2147483647", "2147483648", "-2147483649", "4294967296",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551615",
            "18446744073709551616", "99999999999999999999999", "true", "false", "[]", "[null]", "[\"x\"]", "[1]",
            "[1.5]", "[{}]", "[[]]", "{}", "{\"a\": \"b\"}", "{\"a\": 1}", "{\"a\": null}", "{\"a\": {}}");

    static Stream<String> fixtures() {
        return Stream.of("configs/runc-spec.json", "configs/runc-spec-rootless.json", "configs/podman-busybox.json",
                "configs/containerd-busybox.json");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void realConfigsBindEqually(String name) throws IOException {
        assertSame(DefaultSpecsTest.resource(name), name);
    }

    @Test
    void invalidCorpusBindsEqually() {
        for (InvalidConfigs.Case c : InvalidConfigs.all()) {
            assertSame(c.json(), c.name());
        }
    }

    @Test
    void allFieldsBindEqually() {
        Spec spec = assertSame(ALL_FIELDS, "all-fields");
        // Guard against a vacuous comparison: the document really has every section.
        assertTrue(spec.linux().resources().blockIO().throttleWriteIOPSDevice().getFirst().rate() == 3L);
    }

    /** runc-spec-rootless.json is left out here: it differs from runc-spec.json in a few values only. */
    @ParameterizedTest
    @ValueSource(strings = {"configs/runc-spec.json", "configs/podman-busybox.json", "configs/containerd-busybox.json"})
    void everyValueReplacedByEveryKindBindsEqually(String name) throws IOException {
        mutateEverywhere(DefaultSpecsTest.resource(name), name);
    }

    @Test
    void everyModelledValueReplacedByEveryKindBindsEqually() throws IOException {
        mutateEverywhere(ALL_FIELDS, "all-fields");
    }

    /** Hand-picked documents, each a rule of jackson's that a mutation might not reach. */
    @Test
    void edgeDocumentsBindEqually() {
        for (String json : List.of(
                "{\"root\": {\"path\": \"a\", \"path\": \"b\"}}", "{\"hostname\": \"a\", \"hostname\": null}",
                "{\"process\": {\"user\": {\"uid\": 1}, \"user\": {\"gid\": 2}}}",
                "{\"process\": {\"Cwd\": \"/\", \"ioPriority\": {\"ioClass\": \"y\"}}}",
                "{\"process\": {\"execCPUAffinity\": {\"finalAffinity\": \"y\", \"final\": \"z\"}}}",
                "{\"process\": {\"oomScoreAdj\": 1e999999}}", "{\"x\": 1e999999, \"y\": [[[[{}]]]]}",
                "{\"process\": {\"args\": [\"\\ud800\", \"\\u00e9\", \"\\u0000\", \"\uD83D\uDE00\"]}}",
                "{\"linux\": {\"resources\": {\"memory\": {\"swappiness\": 1.5}}}}",
                "{\"linux\": {\"sysctl\": {\"\": \"x\", \"a\\\"b\": 1}}}", "{\"annotations\": {\"9x\": 1}}",
                "null", "\"x\"", "{\"a\":1}\n\n  ", " {}", "{\"process\": {\"args\": [\"\uD83D\uDE00\", 5]}}")) {
            compare(json, json, new int[1]);
        }
    }

    @Test
    void truncatedDocumentsFailInBoth() throws IOException {
        String json = DefaultSpecsTest.resource("configs/podman-busybox.json");
        for (int cut = 0; cut < json.length() - 1; cut += 7) {
            String part = json.substring(0, cut);
            assertBothFail(part, "cut at " + cut);
        }
    }

    private static void mutateEverywhere(String json, String name) throws IOException {
        JsonNode root = PLAIN.readTree(json);
        List<JsonNode> replacements = new ArrayList<>();
        for (String r : REPLACEMENTS) {
            replacements.add(PLAIN.readTree(r));
        }
        int[] count = {0};
        walk(root, root, replacements, name, count);
        assertTrue(count[0] > 100, "mutated only " + count[0] + " documents");
    }

    /** Replaces each value below {@code node} in turn (restoring it afterwards) and compares both decoders. */
    private static void walk(JsonNode root, JsonNode node, List<JsonNode> replacements, String name, int[] count)
            throws IOException {
        if (node instanceof ObjectNode obj) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            for (String key : keys) {
                JsonNode original = obj.get(key);
                for (JsonNode r : replacements) {
                    obj.set(key, r.deepCopy());
                    compare(PLAIN.writeValueAsString(root), name + " with " + key + "=" + r, count);
                }
                obj.set(key, original);
                walk(root, original, replacements, name, count);
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode original = arr.get(i);
                for (JsonNode r : replacements) {
                    arr.set(i, r.deepCopy());
                    compare(PLAIN.writeValueAsString(root), name + " with [" + i + "]=" + r, count);
                }
                arr.set(i, original);
                walk(root, original, replacements, name, count);
            }
        }
    }

    private static void compare(String json, String what, int[] count) {
        count[0]++;
        Spec expected = null;
        ConfigException expectedError = null;
        try {
            expected = JacksonSpecReader.parse(json, "c");
        } catch (ConfigException e) {
            expectedError = e;
        }
        Spec actual = null;
        ConfigException actualError = null;
        try {
            actual = SpecBinder.parse(json, "c");
        } catch (ConfigException e) {
            actualError = e;
        }
        if (expectedError == null) {
            if (actualError != null) {
                fail(what + ": jackson accepts, SpecBinder says " + actualError.getMessage());
            }
            assertEquals(expected, actual, what);
            return;
        }
        if (actualError == null) {
            fail(what + ": jackson says " + expectedError.getMessage() + ", SpecBinder accepts " + actual);
        }
        assertEquals(expectedError.jsonPath(), actualError.jsonPath(), what + ": " + actualError.getMessage());
        String jacksonMessage = expectedError.getMessage();
        if (jacksonMessage.contains("out of range")) {
            // jackson calls an out-of-range integer "malformed JSON" and points after it; we point at it.
            assertTrue(actualError.getMessage().contains("is out of range for a "), actualError.getMessage());
        } else {
            assertEquals(jacksonMessage, actualError.getMessage(), what);
        }
    }

    private static Spec assertSame(String json, String what) {
        compare(json, what, new int[1]);
        try {
            return SpecBinder.parse(json, what);
        } catch (ConfigException e) {
            return null;
        }
    }

    private static void assertBothFail(String json, String what) {
        boolean jacksonFailed = false;
        try {
            JacksonSpecReader.parse(json, "c");
        } catch (ConfigException e) {
            jacksonFailed = true;
        }
        boolean binderFailed = false;
        try {
            SpecBinder.parse(json, "c");
        } catch (ConfigException e) {
            binderFailed = true;
        }
        assertEquals(jacksonFailed, binderFailed, what);
        assertTrue(binderFailed, what);
    }

}
