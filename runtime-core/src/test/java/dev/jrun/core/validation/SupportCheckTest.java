package dev.jrun.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.json.MiniJsonReader;
import dev.jrun.core.spec.DefaultSpecs;
import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SupportCheckTest {
    /** A config jrun supports: no terminal. */
    private static final String BASE = """
            {"ociVersion":"1.2.1","process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
             "root":{"path":"rootfs"},"mounts":[{"destination":"/proc","type":"proc","source":"proc"}],
             "linux":{"namespaces":[{"type":"pid"},{"type":"mount"}]}%s}""";

    private static List<Problem> problemsOf(String extraTopLevel) {
        String json = BASE.formatted(extraTopLevel);
        Spec spec = SpecJson.parse(json, "config.json");
        Map<?, ?> raw = (Map<?, ?>) MiniJsonReader.parse(json);
        return SupportCheck.problems(spec, raw.keySet().stream().map(String::valueOf).toList());
    }

    /** Merges {@code fragment} into the named top-level object of BASE. */
    private static String into(String section, String fragment) {
        String json = BASE.formatted("");
        String marker = "\"" + section + "\":{";
        int at = json.indexOf(marker);
        if (at < 0) {
            return BASE.formatted(",\"" + section + "\":{" + fragment + "}");
        }
        int insert = at + marker.length();
        return json.substring(0, insert) + fragment + "," + json.substring(insert);
    }

    private static List<Problem> problemsOfJson(String json) {
        Spec spec = SpecJson.parse(json, "config.json");
        Map<?, ?> raw = (Map<?, ?>) MiniJsonReader.parse(json);
        return SupportCheck.problems(spec, raw.keySet().stream().map(String::valueOf).toList());
    }

    @Test
    void theBaseConfigIsSupported() {
        assertEquals(List.of(), problemsOf(""));
    }

    @ParameterizedTest(name = "linux.{0}")
    @CsvSource(delimiter = '|', value = {
        "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_NOTIFY\"} | linux.seccomp.defaultAction",
        "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"flags\":[\"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\"]} | linux.seccomp.flags[0]",
        "\"intelRdt\":{\"closID\":\"c\"} | linux.intelRdt",
        "\"personality\":{\"domain\":\"LINUX32\"} | linux.personality",
        "\"memoryPolicy\":{\"mode\":\"MPOL_DEFAULT\"} | linux.memoryPolicy",
        "\"netDevices\":{\"eth1\":{\"name\":\"eth1\"}} | linux.netDevices",
        "\"mountLabel\":\"system_u:object_r:container_file_t:s0\" | linux.mountLabel",
    })
    void linuxFieldsAreRefusedAtTheirPath(String fragment, String path) {
        List<Problem> problems = problemsOfJson(into("linux", fragment));
        assertEquals(List.of(path), problems.stream().map(Problem::path).toList(), problems.toString());
    }

    @ParameterizedTest(name = "process.{0}")
    @CsvSource(delimiter = '|', value = {
        "\"terminal\":true | process.terminal",
        "\"apparmorProfile\":\"docker-default\" | process.apparmorProfile",
        "\"selinuxLabel\":\"system_u:system_r:container_t:s0\" | process.selinuxLabel",
        "\"scheduler\":{\"policy\":\"SCHED_OTHER\"} | process.scheduler",
        "\"ioPriority\":{\"class\":\"IOPRIO_CLASS_IDLE\",\"priority\":0} | process.ioPriority",
        "\"execCPUAffinity\":{\"initial\":\"0\"} | process.execCPUAffinity",
    })
    void processFieldsAreRefusedAtTheirPath(String fragment, String path) {
        List<Problem> problems = problemsOfJson(into("process", fragment));
        assertEquals(List.of(path), problems.stream().map(Problem::path).toList(), problems.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"uidMappings\":[{\"containerID\":0,\"hostID\":1000,\"size\":1}] | mounts[1].uidMappings",
        "\"gidMappings\":[{\"containerID\":0,\"hostID\":1000,\"size\":1}] | mounts[1].gidMappings",
    })
    void idmappedMountsAreRefusedAtTheirIndex(String fragment, String path) {
        String json = BASE.formatted("").replace("\"source\":\"proc\"}]",
                "\"source\":\"proc\"},{\"destination\":\"/mnt\",\"type\":\"bind\",\"source\":\"/tmp\","
                        + fragment + "}]");
        List<Problem> problems = problemsOfJson(json);
        assertEquals(List.of(path), problems.stream().map(Problem::path).toList(), problems.toString());
    }

    @Test
    void cgroupsResourcesAndCgroupMountsAreSupported() {
        String json = BASE.formatted("").replace("\"source\":\"proc\"}]",
                "\"source\":\"proc\"},{\"destination\":\"/sys/fs/cgroup\",\"type\":\"cgroup\",\"source\":\"cgroup\"}]");
        json = json.replace("\"linux\":{", "\"linux\":{\"cgroupsPath\":\"/jrun/c1\",\"resources\":{\"devices\":[{\"allow\":"
                + "false,\"access\":\"rwm\"}],\"memory\":{\"limit\":1000000},\"cpu\":{\"shares\":512},\"pids\":{\"limit\":10},"
                + "\"blockIO\":{\"weight\":100},\"unified\":{\"memory.high\":\"1M\"}},");
        assertTrue(json.contains("cgroupsPath"), json);
        assertEquals(List.of(), problemsOfJson(json));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"windows", "solaris", "vm", "zos"})
    void otherPlatformSectionsAreRefused(String section) {
        List<Problem> problems = problemsOf(",\"" + section + "\":{}");
        assertEquals(List.of(section), problems.stream().map(Problem::path).toList());
    }

    @Test
    void hooksJrunRunsAreAccepted() {
        assertEquals(List.of(), problemsOf(",\"hooks\":{\"prestart\":[{\"path\":\"/bin/true\"}],"
                + "\"createRuntime\":[{\"path\":\"/bin/true\"}],\"poststart\":[{\"path\":\"/bin/true\"}],"
                + "\"createContainer\":[{\"path\":\"/bin/true\"}],\"startContainer\":[{\"path\":\"/bin/true\"}],"
                + "\"poststop\":[{\"path\":\"/bin/true\"}]}"));
    }

    @Test
    void emptyValuesAskForNothing() {
        String json = into("linux", "\"resources\":{},\"cgroupsPath\":\"\",\"mountLabel\":\"\",\"netDevices\":{}");
        json = json.replace("\"cwd\":\"/\"", "\"cwd\":\"/\",\"terminal\":false,\"apparmorProfile\":\"\"");
        assertEquals(List.of(), problemsOfJson(json));
    }

    @Test
    void runcsDefaultConfigIsRefusedOnlyForItsTerminal() {
        Spec spec = DefaultSpecs.standard();
        List<String> paths = SupportCheck.problems(spec, List.of()).stream().map(Problem::path).toList();
        assertEquals(List.of("process.terminal"), paths);
    }

    @Test
    void checkThrowsOneErrorListingEveryField(@TempDir Path bundle) throws IOException {
        String json = into("linux", "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":"
                + "[\"mkdir\"],\"action\":\"SCMP_ACT_NOTIFY\"}]},\"cgroupsPath\":\"/x\"")
                .strip();
        json = json.substring(0, json.length() - 1) + ",\"windows\":{}}";
        Files.writeString(bundle.resolve("config.json"), json);
        Spec spec = SpecJson.read(bundle.resolve("config.json"));
        SupportCheck.Unsupported e = assertThrows(SupportCheck.Unsupported.class,
                () -> SupportCheck.check(bundle, spec));
        assertEquals(List.of("windows", "linux.seccomp.syscalls[0].action"),
                e.problems().stream().map(Problem::path).toList());
        String message = e.getMessage();
        assertTrue(message.startsWith("unsupported configuration in " + bundle.resolve("config.json")), message);
        assertTrue(message.contains("\n  linux.seccomp.syscalls[0].action: seccomp notify listeners are not supported"
                + " yet"), message);
        assertTrue(message.contains("\n  windows: "), message);
    }

    @Test
    void aConfigWithoutProcessCannotBeCreated() {
        String json = BASE.formatted("").replace("\"process\":{\"args\":[\"sh\"],\"cwd\":\"/\",\"user\":{\"uid\":0,\"gid\":0}},", "");
        assertEquals(List.of("process"), problemsOfJson(json).stream().map(Problem::path).toList());
    }

    @Test
    void aNewUserNamespaceNeedsBothMappings() {
        String json = BASE.formatted("").replace("{\"type\":\"mount\"}", "{\"type\":\"mount\"},{\"type\":\"user\"}");
        assertEquals(List.of("linux.uidMappings", "linux.gidMappings"),
                problemsOfJson(json).stream().map(Problem::path).toList());
        String joined = BASE.formatted("").replace("{\"type\":\"mount\"}",
                "{\"type\":\"mount\"},{\"type\":\"user\",\"path\":\"/proc/1/ns/user\"}");
        assertEquals(List.of(), problemsOfJson(joined), "a joined user namespace brings its own maps");
    }

    @Test
    void timeOffsetsNeedANewTimeNamespace() {
        String offsets = "\"timeOffsets\":{\"monotonic\":{\"secs\":1}}";
        assertEquals(List.of("linux.timeOffsets"),
                problemsOfJson(into("linux", offsets)).stream().map(Problem::path).toList());
        String joined = into("linux", offsets).replace("{\"type\":\"mount\"}",
                "{\"type\":\"mount\"},{\"type\":\"time\",\"path\":\"/proc/1/ns/time\"}");
        assertEquals(List.of("linux.timeOffsets"), problemsOfJson(joined).stream().map(Problem::path).toList());
        String created = into("linux", offsets).replace("{\"type\":\"mount\"}", "{\"type\":\"mount\"},{\"type\":\"time\"}");
        assertEquals(List.of(), problemsOfJson(created));
    }

    @Test
    void checkUsesTheTopLevelKeysTheBinderSaw(@TempDir Path bundle) {
        // No config.json in the bundle: the keys come from the bind, nothing is read again.
        Spec spec = SpecJson.parse("{\"ociVersion\": \"1.2.1\", \"process\": {\"args\": [\"sh\"], \"cwd\": \"/\"}, \"vm\": {}}", "config.json");
        SupportCheck.Unsupported e = assertThrows(SupportCheck.Unsupported.class, () -> SupportCheck.check(bundle,
                new dev.jrun.core.spec.SpecBinder.Bound(spec, java.util.Set.of("ociVersion", "vm"))));
        assertEquals(List.of("vm"), e.problems().stream().map(Problem::path).toList());
    }
}
