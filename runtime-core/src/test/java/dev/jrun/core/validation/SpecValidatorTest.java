package dev.jrun.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.spec.ConfigException;
import dev.jrun.core.spec.DefaultSpecs;
import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.fixtures.InvalidConfigs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecValidatorTest {

    static Stream<InvalidConfigs.Case> corpus() {
        return InvalidConfigs.all().stream();
    }

    /** A parse error counts as the problem at its JSON path, as BundleValidator reports it. */
    private static List<Problem> problemsOf(String json, String source) {
        try {
            return SpecValidator.validate(SpecJson.parse(json, source));
        } catch (ConfigException e) {
            return List.of(new Problem(String.valueOf(e.jsonPath()), e.detail()));
        }
    }

    private static Spec fixture(String name) throws IOException {
        try (InputStream in = SpecValidatorTest.class.getClassLoader().getResourceAsStream(name)) {
            return SpecJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        }
    }

    private static List<Problem> problems(String json) {
        return SpecValidator.validate(SpecJson.parse(json, "test"));
    }

    @Test
    void corpusIsLargeEnough() {
        assertTrue(InvalidConfigs.all().size() >= 25, "only " + InvalidConfigs.all().size() + " cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachInvalidConfigHasExactlyItsOneProblem(InvalidConfigs.Case c) {
        List<Problem> problems = problemsOf(c.json(), c.name());
        assertEquals(List.of(c.expectedPath()), problems.stream().map(Problem::path).toList(),
                () -> c.name() + ": " + problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"configs/podman-busybox.json", "configs/containerd-busybox.json",
            "configs/runc-spec.json", "configs/runc-spec-rootless.json"})
    void realConfigsAreValid(String name) throws IOException {
        assertEquals(List.of(), SpecValidator.validate(fixture(name)));
    }

    @Test
    void defaultSpecsAreValid() {
        assertEquals(List.of(), SpecValidator.validate(DefaultSpecs.standard()));
        assertEquals(List.of(), SpecValidator.validate(DefaultSpecs.rootless(1000, 1000)));
    }

    @Test
    void unknownRlimitListsEveryKnownOne() {
        List<Problem> p = problems("""
                {"ociVersion": "1.2.1", "root": {"path": "r"}, "process": {"args": ["sh"], "cwd": "/", "user": {"uid": 0, "gid": 0},
                 "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1, "soft": 1}, {"type": "RLIMIT_CORE", "hard": 1, "soft": 1},
                             {"type": "RLIMIT_FOO", "hard": 1, "soft": 1}]}}""");
        assertEquals(List.of(new Problem("process.rlimits[2].type", "\"RLIMIT_FOO\" is not a known rlimit (RLIMIT_AS, "
                + "RLIMIT_CORE, RLIMIT_CPU, RLIMIT_DATA, RLIMIT_FSIZE, RLIMIT_LOCKS, RLIMIT_MEMLOCK, RLIMIT_MSGQUEUE, "
                + "RLIMIT_NICE, RLIMIT_NOFILE, RLIMIT_NPROC, RLIMIT_RSS, RLIMIT_RTPRIO, RLIMIT_RTTIME, RLIMIT_SIGPENDING, "
                + "RLIMIT_STACK)")), p);
        assertTrue(p.getFirst().toString().startsWith(
                "process.rlimits[2].type: \"RLIMIT_FOO\" is not a known rlimit (RLIMIT_AS, "), p.getFirst().toString());
    }

    @Test
    void exactMessagesForCommonMistakes() {
        List<String> messages = problems("""
                {"ociVersion": "2.0.0", "root": {"path": "r"}, "hostname": "h",
                 "process": {"args": ["sh"], "cwd": "tmp", "user": {"uid": 0, "gid": 0},
                   "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 10, "soft": 20}, {"type": "RLIMIT_NOFILE", "hard": 1, "soft": 1}]},
                 "hooks": {"poststart": [{"path": "/bin/x", "timeout": 0}]},
                 "linux": {"namespaces": [{"type": "pid"}, {"type": "pid"}],
                   "cgroupsPath": "a:b", "resources": {"devices": [{"allow": true, "access": "rwx"}]}}}""")
                .stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "ociVersion: \"2.0.0\" has major version 2; jrun supports runtime-spec 1.x",
                "process.cwd: \"tmp\" is not an absolute path",
                "process.rlimits[0].soft: soft limit 20 is greater than hard limit 10",
                "process.rlimits[1].type: duplicate \"RLIMIT_NOFILE\" (already set at process.rlimits[0])",
                "hooks.poststart[0].timeout: must be greater than 0 seconds, got 0",
                "linux.namespaces[1]: duplicate \"pid\" namespace (already at linux.namespaces[0])",
                "hostname: \"h\" cannot be set without a new uts namespace (add {\"type\": \"uts\"} to linux.namespaces)",
                "linux.resources.devices[0].access: \"rwx\" may only contain r, w and m",
                "linux.cgroupsPath: \"a:b\" has 2 colon-separated parts; the systemd form is \"slice:prefix:name\" (exactly 3)"),
                messages);
    }

    @Test
    void sysctlNeedsItsNamespace() {
        List<Problem> p = problems("""
                {"ociVersion": "1.2.1", "root": {"path": "r"},
                 "linux": {"namespaces": [{"type": "uts"}], "sysctl": {"net.core.somaxconn": "1024", "kernel.msgmax": "1",
                   "kernel.domainname": "d", "vm.swappiness": "1"}}}""");
        assertEquals(List.of(
                new Problem("linux.sysctl[\"net.core.somaxconn\"]", "\"net.core.somaxconn\" needs a new network namespace "
                        + "(add {\"type\": \"network\"} to linux.namespaces)"),
                new Problem("linux.sysctl[\"kernel.msgmax\"]", "\"kernel.msgmax\" needs a new ipc namespace "
                        + "(add {\"type\": \"ipc\"} to linux.namespaces)"),
                new Problem("linux.sysctl[\"vm.swappiness\"]", "\"vm.swappiness\" is not in a separate kernel namespace, "
                        + "so it would change the host (allowed: net.*, fs.mqueue.*, kernel.hostname, kernel.domainname, "
                        + "kernel.msgmax, kernel.msgmnb, kernel.msgmni, kernel.sem, kernel.shm_rmid_forced, kernel.shmall, "
                        + "kernel.shmmax, kernel.shmmni)")),
                p);
    }

    @Test
    void processIsOptionalButRootIsNot() {
        assertEquals(List.of(new Problem("root", "is required on Linux (at least {\"path\": \"rootfs\"})")),
                problems("{\"ociVersion\": \"1.0.0\"}"));
    }

    @Test
    void missingProcessFieldsAreAllReported() {
        assertEquals(List.of("process.args", "process.cwd", "process.user"),
                problems("{\"ociVersion\": \"1.2.1\", \"root\": {\"path\": \"r\"}, \"process\": {}}")
                        .stream().map(Problem::path).toList());
    }

    @Test
    void relativeMountDestinationIsDeprecatedNotAnError() {
        assertEquals(List.of(), problems("""
                {"ociVersion": "1.2.1", "root": {"path": "r"}, "mounts": [{"destination": "data", "type": "tmpfs"}]}"""));
    }

    @Test
    void seccompNotifyRules() {
        assertEquals(List.of(new Problem("linux.seccomp.listenerPath", "is set but no SCMP_ACT_NOTIFY action is used")),
                problems("""
                {"ociVersion": "1.2.1", "root": {"path": "r"},
                 "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "listenerPath": "/run/l.sock"}}}"""));
        assertEquals(List.of(), problems("""
                {"ociVersion": "1.2.1", "root": {"path": "r"},
                 "linux": {"seccomp": {"defaultAction": "SCMP_ACT_NOTIFY", "listenerPath": "/run/l.sock"}}}"""));
    }

    @Test
    void cgroupsPathForms() {
        for (String ok : List.of("/a/b", "a/b", "machine.slice:libpod:abc", ":jrun:abc")) {
            assertEquals(List.of(), problems("{\"ociVersion\": \"1.2.1\", \"root\": {\"path\": \"r\"}, "
                    + "\"linux\": {\"cgroupsPath\": \"" + ok + "\"}}"), ok);
        }
        for (String bad : List.of("/a/../b", "..", "a:b:c:d", "s.slice:p:..", "a/b:p:n")) {
            assertEquals(List.of("linux.cgroupsPath"), problems("{\"ociVersion\": \"1.2.1\", \"root\": {\"path\": \"r\"}, "
                    + "\"linux\": {\"cgroupsPath\": \"" + bad + "\"}}").stream().map(Problem::path).toList(), bad);
        }
    }

    @Test
    void idMappingsAreRangeChecked() {
        List<Problem> p = problems("""
                {"ociVersion": "1.2.1", "root": {"path": "r"}, "linux": {"namespaces": [{"type": "user"}],
                 "uidMappings": [{"containerID": 4294967295, "hostID": 0, "size": 2}],
                 "gidMappings": [{"containerID": 0, "hostID": 4294967296, "size": 1}]}}""");
        assertEquals(List.of(
                new Problem("linux.uidMappings[0]", "containerID 4294967295 + size 2 overflows the 32-bit id space"),
                new Problem("linux.gidMappings[0].hostID", "4294967296 is out of range (0 to 4294967295)"),
                new Problem("linux.gidMappings[0]", "hostID 4294967296 + size 1 overflows the 32-bit id space")), p);
    }

    @Test
    void unlimitedRlimitsCompareUnsigned() {
        String rlimits = "{\"ociVersion\": \"1.2.1\", \"root\": {\"path\": \"r\"}, \"process\": {\"args\": [\"sh\"], "
                + "\"cwd\": \"/\", \"user\": {\"uid\": 0, \"gid\": 0}, \"rlimits\": [%s]}}";
        assertEquals(List.of(), problems(rlimits.formatted(
                "{\"type\": \"RLIMIT_MEMLOCK\", \"hard\": 18446744073709551615, \"soft\": 65536}")));
        assertEquals(List.of(new Problem("process.rlimits[0].soft",
                "soft limit 18446744073709551615 is greater than hard limit 65536")), problems(rlimits.formatted(
                "{\"type\": \"RLIMIT_MEMLOCK\", \"hard\": 65536, \"soft\": 18446744073709551615}")));
    }

    @Test
    void fifoDevicesNeedNoNumbers() {
        assertEquals(List.of(), problems("""
                {"ociVersion": "1.2.1", "root": {"path": "r"}, "linux": {"devices": [{"path": "/dev/fifo", "type": "p"}]}}"""));
    }

    @Test
    void newerCapabilitiesAreKnown() {
        assertEquals(List.of(), problems("""
                {"ociVersion": "1.2.1", "root": {"path": "r"}, "process": {"args": ["sh"], "cwd": "/", "user": {"uid": 0, "gid": 0},
                 "capabilities": {"ambient": ["CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE"]}}}"""));
    }
}
