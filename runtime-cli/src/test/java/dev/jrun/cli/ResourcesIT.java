package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrun.fixtures.JrunProcess.Result;
import dev.jrun.fixtures.RootOnly;
import dev.jrun.linux.cgroup.CgroupRecord;
import dev.jrun.linux.cgroup.ContainerCgroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * linux.resources enforced for real on this host's cgroup v1 controllers (a hybrid host), through the jrun command:
 * limits read back from the cgroup files right after create (what runtime-tools' cgroup tests check), OOM and pids
 * limits biting, device rules in listed order, cgroupsPath relative and absolute, and nothing left behind by delete
 * or by a failed create. Expected values were checked against runc 1.1.5 on the same configs.
 */
class ResourcesIT {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

    @TempDir
    Path tmp;

    private ScratchContainers containers;
    /** Test-made parent cgroups (absolute paths under each hierarchy), removed last. */
    private final List<Path> ownDirs = new ArrayList<>();
    private final String unique = "jrun-it-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void needsRootAndV1() {
        assumeTrue(RootOnly.isRoot(), RootOnly.skipReason());
        assumeTrue(Files.isDirectory(CGROUPS.resolve("memory")) && Files.isDirectory(CGROUPS.resolve("pids")),
                "needs the v1 memory and pids controllers");
        containers = new ScratchContainers(tmp);
    }

    @AfterEach
    void deleteWhatWeMade() throws IOException {
        if (containers != null) {
            containers.deleteAll();
        }
        for (int i = ownDirs.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(ownDirs.get(i));
        }
    }

    @Test
    void limitsAreInTheV1FilesRightAfterCreate() throws Exception {
        ObjectNode c = config("sleep", "100");
        ObjectNode r = resources(c);
        r.putObject("memory").put("limit", 64L << 20).put("reservation", 32L << 20).put("swap", 96L << 20)
                .put("swappiness", 10);
        r.putObject("cpu").put("shares", 512).put("quota", 50000).put("period", 100000).put("cpus", "0")
                .put("mems", "0");
        r.putObject("pids").put("limit", 20);
        int pid = create("lim", c);
        Map<String, Path> dirs = dirs("lim");
        assertEquals("67108864", read(dirs, "memory", "memory.limit_in_bytes"));
        assertEquals("33554432", read(dirs, "memory", "memory.soft_limit_in_bytes"));
        assertEquals("100663296", read(dirs, "memory", "memory.memsw.limit_in_bytes"));
        assertEquals("10", read(dirs, "memory", "memory.swappiness"));
        assertEquals("512", read(dirs, "cpu", "cpu.shares"));
        assertEquals("50000", read(dirs, "cpu", "cpu.cfs_quota_us"));
        assertEquals("100000", read(dirs, "cpu", "cpu.cfs_period_us"));
        assertEquals("0", read(dirs, "cpuset", "cpuset.cpus"));
        assertEquals("0", read(dirs, "cpuset", "cpuset.mems"));
        assertEquals("20", read(dirs, "pids", "pids.max"));
        // The init is in every one of them (the default path: the container id under jrun's own cgroups).
        String procCgroup = Files.readString(Path.of("/proc", Integer.toString(pid), "cgroup"));
        for (String line : procCgroup.lines().toList()) {
            assertTrue(line.endsWith("/lim"), "the init is in its own cgroup: " + line);
        }
        assertEquals(0, jrun("delete", "--force", "lim").exitCode());
        for (Path dir : dirs.values()) {
            assertFalse(Files.exists(dir), "delete left " + dir);
        }
    }

    @Test
    void aProcessOverItsMemoryLimitIsOomKilled() throws Exception {
        // tail keeps the whole of a file without newlines in memory
        ObjectNode c = config("tail", "/dev/zero");
        resources(c).putObject("memory").put("limit", 16L << 20).put("swap", 16L << 20);
        Result r = run("oom", c);
        assertEquals(137, r.exitCode(), r.toString());
    }

    @Test
    void aForkPastPidsMaxFails() throws Exception {
        ObjectNode c = config("sh", "-c", "for i in 1 2 3 4 5 6; do sleep 5 & done; echo started");
        resources(c).putObject("pids").put("limit", 4);
        Result r = run("pids", c);
        assertTrue(r.stderr().contains("can't fork"), r.toString());
        assertTrue(r.stderr().contains("Resource temporarily unavailable"), r.toString());
    }

    @Test
    void deviceRulesApplyInListedOrderBeforeRuncsDefaults() throws Exception {
        ObjectNode c = config("sh", "-c", "sleep 100");
        ArrayNode devices = resources(c).putArray("devices");
        devices.addObject().put("allow", false).put("access", "rwm");
        devices.addObject().put("allow", true).put("type", "c").put("major", 4).put("minor", 7).put("access", "rw");
        devices.addObject().put("allow", true).put("type", "c").put("major", 10).put("minor", 229).put("access", "rw");
        devices.addObject().put("allow", false).put("type", "c").put("major", 10).put("minor", 229).put("access", "w");
        create("dev", c);
        // runc 1.1.5's devices.list for this config, on this host (10:229 left readable only)
        assertEquals(List.of("b *:* m", "c *:* m", "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm",
                "c 4:7 rw", "c 5:0 rwm", "c 5:2 rwm", "c 10:200 rwm", "c 10:229 r", "c 136:* rwm").stream()
                .sorted(ResourcesIT::byDevice).toList(),
                read(dirs("dev"), "devices", "devices.list").lines().sorted(ResourcesIT::byDevice).toList());
    }

    @Test
    void anAbsoluteCgroupsPathIsUsedAsIsAndOnlyWhatJrunMadeIsRemoved() throws Exception {
        // The pids parent exists before the container: it must survive delete.
        Path preexisting = CGROUPS.resolve("pids").resolve(unique);
        Files.createDirectory(preexisting);
        ownDirs.add(preexisting);
        ObjectNode c = config("sleep", "100");
        ((ObjectNode) c.get("linux")).put("cgroupsPath", "/" + unique + "/abs");
        create("abs", c);
        Map<String, Path> dirs = dirs("abs");
        assertEquals(CGROUPS.resolve("memory").resolve(unique).resolve("abs"), dirs.get("memory"));
        assertEquals(preexisting.resolve("abs"), dirs.get("pids"));
        assertEquals(0, jrun("delete", "--force", "abs").exitCode());
        assertFalse(Files.exists(CGROUPS.resolve("memory").resolve(unique)), "jrun made the memory parent");
        assertTrue(Files.isDirectory(preexisting), "the pids parent existed before the container");
        assertFalse(Files.exists(preexisting.resolve("abs")));
    }

    @Test
    void aRelativeCgroupsPathGoesUnderJrunsOwnCgroup() throws Exception {
        ObjectNode c = config("sleep", "100");
        ((ObjectNode) c.get("linux")).put("cgroupsPath", unique + "/rel");
        create("rel", c);
        String ownMemory = ownCgroup("memory");
        assertEquals(CGROUPS.resolve("memory" + ownMemory).resolve(unique).resolve("rel").normalize(),
                dirs("rel").get("memory"));
        assertEquals(0, jrun("delete", "--force", "rel").exitCode());
        assertFalse(Files.exists(CGROUPS.resolve("memory" + ownMemory).resolve(unique)));
    }

    @Test
    void withACgroupNamespaceTheContainerSeesItsCgroupAsRootAndItsLimitInTheCgroupMount() throws Exception {
        ObjectNode c = config("sh", "-c", "grep memory /proc/self/cgroup; cat /sys/fs/cgroup/memory/memory.limit_in_bytes");
        ((ArrayNode) c.get("linux").get("namespaces")).addObject().put("type", "cgroup");
        ArrayNode mounts = (ArrayNode) c.get("mounts");
        mounts.addObject().put("destination", "/sys/fs/cgroup").put("type", "cgroup").put("source", "cgroup")
                .putArray("options").add("nosuid").add("noexec").add("nodev").add("relatime").add("ro");
        resources(c).putObject("memory").put("limit", 48L << 20);
        Result r = run("cgns", c);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("4:memory:/", "50331648"), r.stdout().lines().map(ResourcesIT::withoutHierarchyId)
                .toList());
    }

    @Test
    void aLimitTheKernelRefusesNamesTheSettingAndTheFileAndLeavesNothingBehind() throws Exception {
        ObjectNode c = config("true");
        resources(c).putObject("memory").put("limit", 4096);
        Path b = bundle("refused", c);
        Result r = jrun("run", "--bundle", b.toString(), "refused");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("linux.resources.memory.limit"), r.toString());
        assertTrue(r.stderr().contains("memory.limit_in_bytes"), r.toString());
        assertFalse(Files.exists(root().resolve("refused")), "state directory left behind");
        assertFalse(Files.exists(CGROUPS.resolve("pids").resolve("refused")), "cgroup left behind");
        assertFalse(Files.exists(CGROUPS.resolve("memory" + ownCgroup("memory")).resolve("refused")),
                "memory cgroup left behind");
    }

    @Test
    void aDeviceRuleTheKernelRefusesNamesItsIndexAndTheFileAndLeavesNothingBehind() throws Exception {
        ObjectNode c = config("true");
        ArrayNode devices = resources(c).putArray("devices");
        devices.addObject().put("allow", false).put("access", "rwm");
        devices.addObject().put("allow", true).put("type", "c").put("major", 99999999999L).put("minor", 0)
                .put("access", "rwm");
        Path b = bundle("major", c);
        Result r = jrun("run", "--bundle", b.toString(), "major");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("linux.resources.devices[1]: cannot write \\\"c 99999999999:0 rwm\\\" to"),
                r.toString());
        assertTrue(r.stderr().contains("devices.allow: invalid argument"), r.toString());
        assertFalse(Files.exists(root().resolve("major")), "state directory left behind");
        assertFalse(Files.exists(CGROUPS.resolve("devices").resolve("major")), "cgroup left behind");
    }

    @Test
    void theSystemdDriverIsAClearErrorEitherWayItIsAskedFor() throws Exception {
        Path b = bundle("sd", config("true"));
        Result flag = jrun("--systemd-cgroup", "run", "--bundle", b.toString(), "sd");
        assertEquals(1, flag.exitCode(), flag.toString());
        assertTrue(flag.stderr().contains("--systemd-cgroup: jrun has no systemd cgroup driver yet"), flag.toString());
        ObjectNode c = config("true");
        ((ObjectNode) c.get("linux")).put("cgroupsPath", "system.slice:jrun:sd");
        Path b2 = bundle("sd2", c);
        Result slice = jrun("run", "--bundle", b2.toString(), "sd");
        assertEquals(1, slice.exitCode(), slice.toString());
        assertTrue(slice.stderr().contains("slice:prefix:name form"), slice.toString());
        assertFalse(Files.exists(root().resolve("sd")), "state directory left behind");
    }

    @Test
    void deleteEndsProcessesThatOutlivedTheInitAndRemovesTheCgroup() throws Exception {
        // Without a pid namespace of its own, a child of the init survives it; runc's delete kills it by cgroup.
        ObjectNode c = config("sh", "-c", "sleep 100 & echo $! > /orphan.pid; exit 0");
        ArrayNode namespaces = (ArrayNode) c.get("linux").get("namespaces");
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            if (namespaces.get(i).get("type").asText().equals("pid")) {
                namespaces.remove(i);
            }
        }
        ((ObjectNode) c.get("root")).put("readonly", false);
        Result r = run("orphan", c);
        assertEquals(0, r.exitCode(), r.toString());
        int orphan = Integer.parseInt(Files.readString(tmp.resolve("orphan").resolve("rootfs/orphan.pid")).trim());
        assertFalse(Files.exists(Path.of("/proc", Integer.toString(orphan), "cmdline"))
                && !Files.readString(Path.of("/proc", Integer.toString(orphan), "stat")).contains(") Z"),
                "the init's child " + orphan + " outlived delete");
        assertFalse(Files.exists(CGROUPS.resolve("pids").resolve("orphan")), "cgroup left behind");
    }

    // ---- helpers

    /** "4:memory:/" whatever the hierarchy's number on this host. */
    private static String withoutHierarchyId(String line) {
        return line.matches("\\d+:memory:.*") ? "4" + line.substring(line.indexOf(':')) : line;
    }

    private static int byDevice(String a, String b) {
        return key(a).compareTo(key(b));
    }

    private static String key(String line) {
        String[] f = line.split("[ :]");
        return f[0] + pad(f[1]) + pad(f[2]);
    }

    private static String pad(String n) {
        return n.equals("*") ? "~~~~~~" : "%06d".formatted(Integer.parseInt(n));
    }

    private static String ownCgroup(String controller) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] f = line.split(":", 3);
            if (List.of(f[1].split(",")).contains(controller)) {
                return f[2].equals("/") ? "" : f[2];
            }
        }
        throw new IllegalStateException("no " + controller + " in /proc/self/cgroup");
    }

    private Map<String, Path> dirs(String id) {
        CgroupRecord record = ContainerCgroups.read(root().resolve(id)).orElseThrow();
        Map<String, Path> dirs = new java.util.LinkedHashMap<>();
        record.dirs().forEach((k, v) -> dirs.put(k, Path.of(v)));
        return dirs;
    }

    private static String read(Map<String, Path> dirs, String controller, String file) throws IOException {
        for (Map.Entry<String, Path> e : dirs.entrySet()) {
            if (List.of(e.getKey().split(",")).contains(controller)) {
                return Files.readString(e.getValue().resolve(file)).trim();
            }
        }
        throw new AssertionError("no " + controller + " cgroup in " + dirs);
    }

    private static ObjectNode resources(ObjectNode c) {
        ObjectNode linux = (ObjectNode) c.get("linux");
        return linux.has("resources") ? (ObjectNode) linux.get("resources") : linux.putObject("resources");
    }

    private Path root() {
        return containers.root();
    }

    private Result jrun(String... args) {
        return containers.jrun(args);
    }

    private static ObjectNode config(String... args) throws IOException {
        return RunnableConfigs.running(args);
    }

    private Result run(String id, ObjectNode config) throws IOException {
        return containers.run(id, config);
    }

    private int create(String id, ObjectNode config) throws IOException {
        return containers.create(id, config);
    }

    private Path bundle(String id, ObjectNode config) throws IOException {
        return containers.bundle(id, config);
    }
}
