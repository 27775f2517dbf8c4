package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrun.core.spec.DefaultSpecs;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.fixtures.JrunProcess;
import dev.jrun.fixtures.JrunProcess.Result;
import dev.jrun.fixtures.RootOnly;
import dev.jrun.fixtures.TestBundle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a container's isolation looks like from inside it and from the host, for real containers made through the
 * jrun command: namespaces, mounts, masked and read-only paths, the process's credentials and limits, devices,
 * sysctls, exit codes and failures. Every expected value was checked against runc 1.1.5 on the same config. Each
 * test has its own --root and removes only the containers it made.
 */
class IsolationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RO = "Read-only file system";

    @TempDir
    Path tmp;

    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void needsRoot() {
        assumeTrue(RootOnly.isRoot(), RootOnly.skipReason());
    }

    @AfterEach
    void deleteWhatWeMade() {
        for (String id : ids) {
            if (Files.exists(root().resolve(id))) {
                jrun("delete", "--force", id);
            }
        }
    }

    // ---- namespaces

    @Test
    void theInitHasItsOwnNamespacesAndSharesOnlyTheUserAndTimeOnes() throws Exception {
        ObjectNode c = config("sleep", "100");
        namespaces(c).addObject().put("type", "cgroup");
        int pid = create("ns1", c);
        for (String type : List.of("pid", "mnt", "uts", "ipc", "net", "cgroup")) {
            assertNotEquals(hostNamespace(type), namespace(pid, type), type + " namespace of the init");
        }
        for (String type : List.of("user", "time")) {
            assertEquals(hostNamespace(type), namespace(pid, type), "no " + type + " namespace was asked for");
        }
        assertEquals(0, jrun("delete", "--force", "ns1").exitCode());
    }

    @Test
    void theInitIsPid1WithTheConfiguredHostnameAndDomainname() throws Exception {
        ObjectNode c = config("sh", "-c", "echo $$; hostname; cat /proc/sys/kernel/domainname");
        c.put("hostname", "box");
        c.put("domainname", "example.org");
        assertEquals("1\nbox\nexample.org\n", runOk("uts", c));
    }

    @Test
    void aUserNamespaceMapsTheContainersRootToTheHostsUid100000() throws Exception {
        ObjectNode c = config("sh", "-c", "id -u; id -g; cat /proc/self/uid_map /proc/self/gid_map; sleep 100");
        namespaces(c).addObject().put("type", "user");
        ObjectNode linux = (ObjectNode) c.get("linux");
        linux.putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
        linux.putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
        // The mapped root must reach the rootfs: JUnit makes its temp directory 0700.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        Path b = TestBundle.createOwnedBy(tmp.resolve("user"), json(c), 100000, 100000);
        Path out = tmp.resolve("user.out");
        Path pidFile = tmp.resolve("user.pid");
        ids.add("user");
        Result created = JrunProcess.runWithStdoutIn(out, "--root", root().toString(), "create", "--bundle",
                b.toString(), "--pid-file", pidFile.toString(), "user");
        assertEquals(0, created.exitCode(), created.toString());
        int pid = Integer.parseInt(Files.readString(pidFile));
        assertEquals(List.of("Uid:\t100000\t100000\t100000\t100000", "Gid:\t100000\t100000\t100000\t100000"),
                statusLines(pid, "Uid", "Gid"), "the host's view of the init");
        assertNotEquals(hostNamespace("user"), namespace(pid, "user"));
        assertEquals(0, jrun("start", "user").exitCode());
        String map = String.format("%10d %10d %10d%n", 0, 100000, 65536);
        assertEquals("0\n0\n" + map + map, awaitOutput(out, 4));
        assertEquals(0, jrun("delete", "--force", "user").exitCode());
    }

    @Test
    void aTimeNamespaceAppliesTheTimeOffsets() throws Exception {
        ObjectNode c = config("sh", "-c", "cat /proc/self/timens_offsets; cut -d' ' -f1 /proc/uptime;"
                + " readlink /proc/self/ns/time");
        namespaces(c).addObject().put("type", "time");
        ObjectNode offsets = ((ObjectNode) c.get("linux")).putObject("timeOffsets");
        offsets.putObject("monotonic").put("secs", 86400).put("nanosec", 0);
        offsets.putObject("boottime").put("secs", 172800).put("nanosec", 5);
        double hostUptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        List<String> lines = runOk("time", c).lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        assertEquals(Set.of(List.of("monotonic", "86400", "0"), List.of("boottime", "172800", "5")),
                Set.of(words(lines.get(0)), words(lines.get(1))));
        double shift = Double.parseDouble(lines.get(2)) - hostUptime;
        assertTrue(shift >= 172800 && shift < 172800 + 60, "uptime inside is the host's + 2 days; shift " + shift);
        assertNotEquals(hostNamespace("time"), lines.get(3));
    }

    @Test
    void aSecondContainerJoinsTheFirstOnesNetworkNamespaceByPath() throws Exception {
        int first = create("net1", config("sleep", "100"));
        ObjectNode c = config("sh", "-c", "readlink /proc/self/ns/net; readlink /proc/self/ns/uts");
        for (var ns : namespaces(c)) {
            if (ns.path("type").asText().equals("network")) {
                ((ObjectNode) ns).put("path", "/proc/" + first + "/ns/net");
            }
        }
        List<String> lines = runOk("net2", c).lines().toList();
        assertEquals(namespace(first, "net"), lines.get(0), "joined the first container's network namespace");
        assertNotEquals(namespace(first, "uts"), lines.get(1), "but has a uts namespace of its own");
        assertNotEquals(hostNamespace("uts"), lines.get(1));
        assertEquals(0, jrun("delete", "--force", "net1").exitCode());
    }

    // ---- mounts

    @Test
    void theStandardMountsHaveRuncsTypesAndOptions() throws Exception {
        Map<String, MountLine> mounts = mountsInside("mounts", config("cat", "/proc/self/mountinfo"));
        assertTrue(mounts.get("/").options().contains("ro"), "the read-only root: " + mounts.get("/"));
        assertMount(mounts.get("/proc"), "proc", "proc", Set.of("rw", "relatime"));
        MountLine dev = assertMount(mounts.get("/dev"), "tmpfs", "tmpfs", Set.of("rw", "nosuid"));
        assertTrue(dev.superOptions().containsAll(Set.of("mode=755", "size=65536k")), dev.toString());
        MountLine pts = assertMount(mounts.get("/dev/pts"), "devpts", "devpts",
                Set.of("rw", "nosuid", "noexec", "relatime"));
        assertEquals(Set.of("rw", "gid=5", "mode=620", "ptmxmode=666"), pts.superOptions());
        MountLine hostPts = mountsOf(Files.readString(Path.of("/proc/self/mountinfo"))).get("/dev/pts");
        assertNotNull(hostPts, "the host has /dev/pts");
        assertNotEquals(hostPts.device(), pts.device(), "newinstance: a devpts of its own, not the host's");
        MountLine shm = assertMount(mounts.get("/dev/shm"), "tmpfs", "shm",
                Set.of("rw", "nosuid", "nodev", "noexec", "relatime"));
        assertTrue(shm.superOptions().contains("size=65536k"), shm.toString());
        assertMount(mounts.get("/dev/mqueue"), "mqueue", "mqueue", Set.of("rw", "nosuid", "nodev", "noexec",
                "relatime"));
        assertMount(mounts.get("/sys"), "sysfs", "sysfs", Set.of("ro", "nosuid", "nodev", "noexec", "relatime"));
    }

    @Test
    void bindMountsAreReadWriteReadOnlyAndRecursiveAsAsked() throws Exception {
        Path rw = Files.createDirectories(tmp.resolve("rw"));
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        Files.writeString(ro.resolve("f"), "data\n");
        Path tree = Files.createDirectories(tmp.resolve("tree/sub"));
        host("mount", "-t", "tmpfs", "-o", "size=1m", "isolation-it", tree.toString());
        try {
            Files.writeString(tree.resolve("g"), "subdata\n");
            ObjectNode c = config("sh", "-c", "echo w > /rw/new && cat /rw/new; cat /ro/f; { echo x > /ro/new; } 2>&1;"
                    + " cat /rb/sub/g; ls -A /b/sub; grep -E ' /(rw|ro|rb|rb/sub|b|b/sub) ' /proc/self/mountinfo");
            bind(c, rw, "/rw", "bind");
            bind(c, ro, "/ro", "bind", "ro");
            bind(c, tree.getParent(), "/rb", "rbind");
            bind(c, tree.getParent(), "/b", "bind");
            String out = runOk("binds", c);
            List<String> lines = out.lines().toList();
            assertEquals(List.of("w", "data", "sh: can't create /ro/new: " + RO, "subdata"), lines.subList(0, 4),
                    out);
            assertEquals("w\n", Files.readString(rw.resolve("new")), "the write reached the host directory");
            assertFalse(Files.exists(ro.resolve("new")));
            Map<String, MountLine> mounts = mountsOf(String.join("\n", lines.subList(4, lines.size())));
            assertEquals(Set.of("/rw", "/ro", "/rb", "/rb/sub", "/b"), mounts.keySet(),
                    "rbind brings the tmpfs below along, bind does not: " + out);
            // Other flags (relatime, noatime) are the host file system's.
            assertTrue(mounts.get("/rw").options().contains("rw"), mounts.get("/rw").toString());
            assertTrue(mounts.get("/ro").options().contains("ro"), mounts.get("/ro").toString());
            assertEquals(ro.toString(), mounts.get("/ro").root());
            assertEquals("tmpfs", mounts.get("/rb/sub").fsType());
            assertEquals("isolation-it", mounts.get("/rb/sub").source());
        } finally {
            host("umount", tree.toString());
        }
    }

    @Test
    void aReadOnlyRootRefusesWrites() throws Exception {
        ObjectNode c = config("sh", "-c", "touch /x 2>&1; echo $?; touch /tmp/x 2>&1; echo $?;"
                + " touch /dev/shm/x; echo $?");
        Path b = bundle("roroot", c);
        assertEquals("touch: /x: " + RO + "\n1\ntouch: /tmp/x: " + RO + "\n1\n0\n", run("roroot", b));
        assertFalse(Files.exists(b.resolve("rootfs/x")));
        assertFalse(Files.exists(b.resolve("rootfs/tmp/x")));
    }

    @Test
    void maskedPathsReadEmptyAndReadonlyPathsRefuseWrites() throws Exception {
        ObjectNode c = config("sh", "-c", "wc -c < /proc/keys; wc -c < /etc/secret; ls -A /opt/hidden | wc -l;"
                + " ls -A /proc/acpi | wc -l; { echo 1 > /proc/sys/kernel/shm_rmid_forced; } 2>&1;"
                + " { echo x > /srv/frozen/f; } 2>&1; echo y > /srv/f && cat /srv/f");
        ((ObjectNode) c.get("root")).put("readonly", false);
        ObjectNode linux = (ObjectNode) c.get("linux");
        ((ArrayNode) linux.get("maskedPaths")).add("/etc/secret").add("/opt/hidden");
        ((ArrayNode) linux.get("readonlyPaths")).add("/srv/frozen");
        Path b = bundle("masked", c);
        Files.writeString(b.resolve("rootfs/etc/secret"), "password\n");
        Files.createDirectories(b.resolve("rootfs/opt/hidden"));
        Files.writeString(b.resolve("rootfs/opt/hidden/file"), "x");
        Files.createDirectories(b.resolve("rootfs/srv/frozen"));
        assertEquals("0\n0\n0\n0\nsh: can't create /proc/sys/kernel/shm_rmid_forced: " + RO
                + "\nsh: can't create /srv/frozen/f: " + RO + "\ny\n", run("masked", b));
        assertEquals("password\n", Files.readString(b.resolve("rootfs/etc/secret")), "masked, not changed");
    }

    @Test
    void aMountOnASymlinkToAHostPathLandsInsideTheRootfs() throws Exception {
        Path hostTarget = Files.createDirectories(tmp.resolve("host-target"));
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("f"), "mounted\n");
        ObjectNode c = config("sh", "-c", "cat /mnt/evil/f; grep -c ' " + hostTarget + " ' /proc/self/mountinfo");
        bind(c, source, "/mnt/evil", "bind");
        Path b = bundle("evil", c);
        Files.createDirectories(b.resolve("rootfs/mnt"));
        Files.createSymbolicLink(b.resolve("rootfs/mnt/evil"), hostTarget);
        assertEquals("mounted\n1\n", run("evil", b), "the link resolved inside the rootfs");
        try (DirectoryStream<Path> d = Files.newDirectoryStream(hostTarget)) {
            assertFalse(d.iterator().hasNext(), "the host directory is untouched");
        }
        assertTrue(Files.isDirectory(b.resolve("rootfs").resolve(tmp.getRoot().relativize(hostTarget))),
                "the mount point was made in the rootfs");
        assertTrue(Files.isSymbolicLink(b.resolve("rootfs/mnt/evil")), "the link itself stays");
    }

    @Test
    void noPivotStillGivesTheRootfsAsRoot() throws Exception {
        Path marker = Files.writeString(tmp.resolve("host-only"), "x");
        ObjectNode c = config("sh", "-c", "head -1 /proc/self/mountinfo; ls /; ls " + marker + " 2>&1; echo $$");
        Path b = bundle("nopivot", c);
        List<String> lines = run("nopivot", b, "--no-pivot").lines().toList();
        MountLine rootMount = MountLine.parse(lines.get(0));
        assertEquals("/", rootMount.mountPoint());
        assertEquals(b.resolve("rootfs").toRealPath().toString(), rootMount.root());
        List<String> top;
        try (var entries = Files.list(b.resolve("rootfs"))) {
            top = entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
        int n = top.size();
        assertEquals(top, lines.subList(1, 1 + n), "/ is the rootfs");
        assertEquals(List.of("ls: " + marker + ": No such file or directory", "1"), lines.subList(1 + n, lines.size()));
    }

    // ---- the process

    @Test
    void capabilitySetsAndNoNewPrivsAreAsConfigured() throws Exception {
        ObjectNode c = config("grep", "-E", "^(Cap|NoNewPrivs)", "/proc/self/status");
        ObjectNode caps = ((ObjectNode) c.get("process")).putObject("capabilities");
        caps.putArray("bounding").add("CAP_CHOWN").add("CAP_KILL").add("CAP_NET_RAW");
        caps.putArray("effective").add("CAP_KILL").add("CAP_NET_RAW");
        caps.putArray("permitted").add("CAP_KILL").add("CAP_NET_RAW");
        caps.putArray("inheritable").add("CAP_KILL");
        caps.putArray("ambient").add("CAP_KILL");
        // CHOWN 0, KILL 5, NET_RAW 13.
        assertEquals("""
                CapInh:\t0000000000000020
                CapPrm:\t0000000000002020
                CapEff:\t0000000000002020
                CapBnd:\t0000000000002021
                CapAmb:\t0000000000000020
                NoNewPrivs:\t1
                """, runOk("caps", c));
    }

    @Test
    void rlimitsAreSet() throws Exception {
        ObjectNode c = config("grep", "-E", "^Max (open files|processes|core file size) ", "/proc/self/limits");
        rlimits(c, "RLIMIT_NOFILE", 1001, 1002, "RLIMIT_NPROC", 100, 200, "RLIMIT_CORE", 0, 0);
        assertEquals(List.of(List.of("Max core file size", "0", "0", "bytes"),
                List.of("Max processes", "100", "200", "processes"), List.of("Max open files", "1001", "1002", "files")),
                runOk("limits", c).lines().map(l -> List.of(l.strip().split(" {2,}"))).toList());
    }

    @Test
    void aNofileLimitBelowTheScratchFdStillRuns() throws Exception {
        ObjectNode c = config("grep", "^Max open files ", "/proc/self/limits");
        rlimits(c, "RLIMIT_NOFILE", 321, 654);
        assertEquals(List.of("Max open files", "321", "654", "files"),
                List.of(runOk("nofile", c).strip().split(" {2,}")));
    }

    @Test
    void theUserGroupsAndUmaskAreApplied() throws Exception {
        ObjectNode c = config("sh", "-c", "id; umask");
        ObjectNode user = ((ObjectNode) c.get("process")).putObject("user");
        user.put("uid", 1000).put("gid", 1001).put("umask", 63);
        user.putArray("additionalGids").add(5).add(20);
        assertEquals("uid=1000 gid=1001 groups=5,20\n0077\n", runOk("user-ids", c));
    }

    @Test
    void theCwdIsCreatedWhenMissingAndTheEnvironmentIsExact() throws Exception {
        ObjectNode c = config("sh", "-c", "pwd; xargs -0 -n1 < /proc/1/environ");
        ObjectNode process = (ObjectNode) c.get("process");
        process.put("cwd", "/work/here");
        process.putArray("env").add("PATH=/bin").add("FOO=bar baz").add("EMPTY=");
        Path b = bundle("cwd", c);
        assertEquals("/work/here\nPATH=/bin\nFOO=bar baz\nEMPTY=\nHOME=/root\n", run("cwd", b),
                "HOME comes from the rootfs's /etc/passwd, appended as runc does");
        assertTrue(Files.isDirectory(b.resolve("rootfs/work/here")));
    }

    // ---- devices and sysctl

    @Test
    void theDefaultDevicesAndLinuxDevicesExist() throws Exception {
        ObjectNode c = config("sh", "-c", "stat -c '%n %t:%T %a %u:%g %F' /dev/null /dev/zero /dev/full /dev/random"
                + " /dev/urandom /dev/tty /dev/mine; for l in fd stdin stdout stderr ptmx; do readlink /dev/$l; done");
        ObjectNode device = ((ObjectNode) c.get("linux")).putArray("devices").addObject();
        device.put("path", "/dev/mine").put("type", "c").put("major", 1).put("minor", 3).put("fileMode", 0640)
                .put("uid", 1000).put("gid", 1001);
        assertEquals("""
                /dev/null 1:3 666 0:0 character special file
                /dev/zero 1:5 666 0:0 character special file
                /dev/full 1:7 666 0:0 character special file
                /dev/random 1:8 666 0:0 character special file
                /dev/urandom 1:9 666 0:0 character special file
                /dev/tty 5:0 666 0:0 character special file
                /dev/mine 1:3 640 1000:1001 character special file
                /proc/self/fd
                /proc/self/fd/0
                /proc/self/fd/1
                /proc/self/fd/2
                pts/ptmx
                """, runOk("devices", c));
    }

    @Test
    void sysctlsAreSetInTheContainersNamespacesOnly() throws Exception {
        // Both are 0 in a new ipc and network namespace.
        String hostShm = procfs(Path.of("/proc/sys/kernel/shm_rmid_forced"));
        String hostForward = procfs(Path.of("/proc/sys/net/ipv4/ip_forward"));
        ObjectNode c = config("cat", "/proc/sys/kernel/shm_rmid_forced", "/proc/sys/net/ipv4/ip_forward");
        ((ObjectNode) c.get("linux")).putObject("sysctl").put("kernel.shm_rmid_forced", "1")
                .put("net.ipv4.ip_forward", "1");
        assertEquals("1\n1\n", runOk("sysctl", c));
        assertEquals(hostShm, procfs(Path.of("/proc/sys/kernel/shm_rmid_forced")), "the host's is untouched");
        assertEquals(hostForward, procfs(Path.of("/proc/sys/net/ipv4/ip_forward")), "the host's is untouched");
    }

    // ---- exit codes and failures

    @Test
    void runReturnsTheExitCodeAnd128PlusTheKillingSignal() throws Exception {
        Result three = jrun("run", "--bundle", bundle("exit3", config("sh", "-c", "exit 3")).toString(), "exit3");
        assertEquals(3, three.exitCode(), three.toString());
        // Without a pid namespace: the init of one ignores a SIGKILL it sends itself.
        ObjectNode c = config("sh", "-c", "kill -9 $$; echo survived");
        ArrayNode ns = namespaces(c);
        for (int i = ns.size() - 1; i >= 0; i--) {
            if (ns.get(i).path("type").asText().equals("pid")) {
                ns.remove(i);
            }
        }
        Result killed = jrun("run", "--bundle", bundle("kill9", c).toString(), "kill9");
        assertEquals(137, killed.exitCode(), killed.toString());
        assertEquals("", killed.stdout());
    }

    @Test
    void aMissingExecutableFailsAtCreateAndLeavesNothing() throws Exception {
        assertFailsLeavingNothing("nope", config("nope"), "exec: \"nope\": executable file not found in $PATH");
        assertFailsLeavingNothing("slashnope", config("/bin/nope"),
                "exec: \"/bin/nope\": stat /bin/nope: ENOENT (no such file or directory)");
    }

    @Test
    void aMountFailureNamesTheMountAndLeavesNothingOnTheHost() throws Exception {
        ObjectNode c = config("true");
        ((ArrayNode) c.get("mounts")).addObject().put("destination", "/weird").put("type", "nosuchfs")
                .put("source", "none");
        List<String> before = hostMountsMentioning(tmp);
        assertFailsLeavingNothing("badmount", c, "mount none on /weird: ENODEV (no such device)");
        assertEquals(before, hostMountsMentioning(tmp), "no mount left on the host");
        assertEquals(List.of(), before);
    }

    // ---- helpers

    private Path root() {
        return tmp.resolve("root");
    }

    private Result jrun(String... args) {
        List<String> all = new ArrayList<>(List.of("--root", root().toString()));
        all.addAll(List.of(args));
        return JrunProcess.run(all.toArray(String[]::new));
    }

    private static ObjectNode config(String... args) throws IOException {
        return RunnableConfigs.running(args);
    }

    private static ArrayNode namespaces(ObjectNode c) {
        return (ArrayNode) c.get("linux").get("namespaces");
    }

    private static void bind(ObjectNode c, Path source, String destination, String... options) {
        ObjectNode m = ((ArrayNode) c.get("mounts")).addObject().put("destination", destination).put("type", "bind")
                .put("source", source.toString());
        ArrayNode o = m.putArray("options");
        for (String option : options) {
            o.add(option);
        }
    }

    /** {@code type, soft, hard} triples. */
    private static void rlimits(ObjectNode c, Object... limits) {
        ArrayNode r = ((ObjectNode) c.get("process")).putArray("rlimits");
        for (int i = 0; i < limits.length; i += 3) {
            r.addObject().put("type", (String) limits[i]).put("soft", (Integer) limits[i + 1])
                    .put("hard", (Integer) limits[i + 2]);
        }
    }

    private static String json(ObjectNode config) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config);
    }

    private Path bundle(String name, ObjectNode config) throws IOException {
        return TestBundle.create(tmp.resolve(name), json(config));
    }

    /** {@code jrun run} of bundle {@code b} as container {@code id}; exit 0; the container's stdout. */
    private String run(String id, Path b, String... runFlags) {
        ids.add(id);
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(runFlags));
        args.addAll(List.of("--bundle", b.toString(), id));
        Result r = jrun(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout();
    }

    private String runOk(String id, ObjectNode config) throws IOException {
        return run(id, bundle(id, config));
    }

    /** {@code jrun create}; the init's host pid. */
    private int create(String id, ObjectNode config) throws IOException {
        Path b = bundle(id, config);
        Path pidFile = tmp.resolve(id + ".pid");
        ids.add(id);
        Result r = jrun("create", "--bundle", b.toString(), "--pid-file", pidFile.toString(), id);
        assertEquals(0, r.exitCode(), r.toString());
        return Integer.parseInt(Files.readString(pidFile));
    }

    private void assertFailsLeavingNothing(String id, ObjectNode config, String message) throws IOException {
        Path b = bundle(id, config);
        ids.add(id);
        Result r = jrun("run", "--bundle", b.toString(), id);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().replace("\\\"", "\"").contains(message), "expected \"" + message + "\" in\n" + r);
        assertFalse(Files.exists(root().resolve(id)), "state directory of " + id + " left behind");
        assertEquals(List.of(), processesMentioning(root()), "a process of ours survived");
    }

    /** Waits until {@code out} has {@code lines} lines (a created container writes there after start). */
    private static String awaitOutput(Path out, int lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String text = Files.readString(out);
        while (text.lines().count() < lines && System.nanoTime() < deadline) {
            Thread.sleep(20);
            text = Files.readString(out);
        }
        return text;
    }

    private static String hostNamespace(String type) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/ns", type)).toString();
    }

    private static String namespace(int pid, String type) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns", type)).toString();
    }

    private static List<String> statusLines(int pid, String... keys) throws IOException {
        Set<String> wanted = Arrays.stream(keys).map(k -> k + ":").collect(Collectors.toSet());
        return procfs(Path.of("/proc/" + pid + "/status")).lines()
                .filter(l -> wanted.contains(l.substring(0, l.indexOf(':') + 1))).toList();
    }

    /** procfs read with a plain stream: Files.readAllBytes trusts the zero size procfs reports. */
    private static String procfs(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> words(String line) {
        return List.of(line.strip().split("\\s+"));
    }

    /** Host processes whose command line names {@code path}: a clone of jrun that outlived it would. */
    private static List<String> processesMentioning(Path path) throws IOException {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName()
                .toString().chars().allMatch(Character::isDigit))) {
            for (Path p : procs) {
                try {
                    String cmdline = procfs(p.resolve("cmdline")).replace('\0', ' ');
                    if (cmdline.contains(path.toString())) {
                        found.add(p.getFileName() + ": " + cmdline);
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return found;
    }

    /** The test JVM's mount table lines naming {@code path}; other helpers' mounts elsewhere do not count. */
    private static List<String> hostMountsMentioning(Path path) throws IOException {
        return procfs(Path.of("/proc/self/mountinfo")).lines().filter(l -> l.contains(path.toString())).toList();
    }

    private static void host(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }

    private Map<String, MountLine> mountsInside(String id, ObjectNode config) throws IOException {
        return mountsOf(runOk(id, config));
    }

    /** Mount point to its line; a later mount on the same point wins, as it hides the earlier one. */
    private static Map<String, MountLine> mountsOf(String mountinfo) {
        Map<String, MountLine> byPoint = new LinkedHashMap<>();
        for (String line : mountinfo.lines().filter(l -> !l.isBlank()).toList()) {
            MountLine m = MountLine.parse(line);
            byPoint.put(m.mountPoint(), m);
        }
        return byPoint;
    }

    private static MountLine assertMount(MountLine m, String fsType, String source, Set<String> options) {
        assertNotNull(m, "mount missing");
        assertEquals(fsType, m.fsType(), m.toString());
        assertEquals(source, m.source(), m.toString());
        assertEquals(options, m.options(), m.toString());
        return m;
    }

    /** One line of /proc/<pid>/mountinfo (proc(5)); optional fields dropped. */
    record MountLine(String device, String root, String mountPoint, Set<String> options, String fsType,
            String source, Set<String> superOptions) {
        static MountLine parse(String line) {
            String[] f = line.split(" ");
            int dash = Arrays.asList(f).indexOf("-");
            return new MountLine(f[2], f[3], f[4], csv(f[5]), f[dash + 1], f[dash + 2], csv(f[dash + 3]));
        }

        private static Set<String> csv(String s) {
            return new LinkedHashSet<>(Arrays.asList(s.split(",")));
        }
    }
}
