package dev.jrun.linux.container;

import static dev.jrun.linux.plan.Arg.addr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.fixtures.BusyboxRootfs;
import dev.jrun.fixtures.RootOnly;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.SyscallNumbers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real containers (root): the rootfs steps for real, then busybox sh inside the container writes what it sees to
 * /out, a bind mount of a host directory. The process attributes are not set up here (they have their own tests).
 */
class RootfsIntegrationTest {
    @TempDir
    Path dir;

    Path rootfs;
    Path out;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(RootOnly.isRoot(), RootOnly.skipReason());
        rootfs = BusyboxRootfs.copyTo(dir.resolve("rootfs"));
        out = Files.createDirectories(dir.resolve("out"));
    }

    private static ChildSteps rootfsThenShell(String script) {
        return new ChildSteps() {
            @Override
            public void mounts(PlanBuilder b, PlanContext ctx) {
                RootfsSetup.emitMounts(b, ctx);
            }

            @Override
            public void pivotAndFinish(PlanBuilder b, PlanContext ctx) {
                RootfsSetup.emitPivotAndFinish(b, ctx);
            }

            @Override
            public void processSetup(PlanBuilder b, PlanContext ctx) {}

            @Override
            public void exec(PlanBuilder b, PlanContext ctx) {
                int path = b.arena().string("/bin/sh");
                int argv = b.arena().stringArray(List.of("sh", "-c", script));
                int envp = b.arena().stringArray(List.of("PATH=/bin"));
                b.sys("exec /bin/sh", SyscallNumbers.EXECVE, addr(path), addr(argv), addr(envp));
            }
        };
    }

    private static final String DEFAULT_MOUNTS = """
            {"destination": "/proc", "type": "proc", "source": "proc"},
            {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
            {"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]},
            {"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
            {"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]},
            {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]},
            {"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup", "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]}
            """;

    private Spec spec(String extraMounts, String linux, boolean readonly) {
        return SpecJson.parse("""
                {"ociVersion": "1.0.2", "root": {"path": "rootfs", "readonly": %s},
                 "process": {"args": ["sh"], "cwd": "/"},
                 "mounts": [%s,
                   {"destination": "/out", "type": "bind", "source": "%s", "options": ["rbind", "rw"]}%s],
                 "linux": {"namespaces": [{"type": "pid"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"},
                   {"type": "network"}],
                   "maskedPaths": ["/proc/kcore", "/proc/keys", "/proc/acpi", "/sys/firmware", "/proc/absent"],
                   "readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/sys", "/proc/sysrq-trigger", "/proc/absent"]%s}}
                """.formatted(readonly, DEFAULT_MOUNTS, out, extraMounts, linux), "config.json");
    }

    private int runContainer(Spec spec, boolean noPivot, String script) throws Exception {
        Path state = Files.createDirectories(dir.resolve("state-" + System.nanoTime()));
        CreateRequest request = new CreateRequest("rootfs-it", dir, spec, state, noPivot, 0);
        Created created = ContainerLauncher.create(request, rootfsThenShell(script), pid -> {});
        ExecFifo.release(state);
        return ProcessControl.waitForExit(created.pid());
    }

    private String read(String name) throws Exception {
        return Files.readString(out.resolve(name));
    }

    private static final String PROBE = """
            cat /proc/self/mountinfo > /out/mountinfo
            touch /rootfs-write 2> /out/touch.err; echo $? > /out/touch.rc
            cat /proc/keys | wc -c > /out/kcore
            ls /proc/acpi | wc -l > /out/acpi
            echo 1 > /proc/sys/kernel/ns_last_pid 2> /out/sys.err; echo $? > /out/sys.rc
            for d in null zero full random urandom tty fuse; do stat -c "%n %t:%T %a %F" /dev/$d; done > /out/devices
            ls -l /dev/ptmx /dev/fd /dev/stdin /dev/stdout /dev/stderr > /out/links
            ls -d /sys/fs/cgroup/memory /sys/fs/cgroup/pids > /out/cgroups 2>&1
            cat /proc/sys/net/ipv4/ip_forward > /out/sysctl
            """;

    @Test
    void aRealContainerSeesRuncsFilesystemView() throws Exception {
        String devices = """
                ,"devices": [{"path": "/dev/fuse", "type": "c", "major": 10, "minor": 229, "fileMode": 438}],
                "sysctl": {"net.ipv4.ip_forward": "1"}""";
        assertEquals(0, runContainer(spec("", devices, true), false, PROBE));

        List<String> mountinfo = Arrays.asList(read("mountinfo").split("\n"));
        assertTrue(rootLine(mountinfo).contains(" / ro,"), "read-only root: " + rootLine(mountinfo));
        assertTrue(line(mountinfo, " /dev rw,nosuid").contains("tmpfs tmpfs rw,size=65536k,mode=755"),
                line(mountinfo, " /dev rw"));
        assertTrue(line(mountinfo, " /dev/pts ").contains("rw,nosuid,noexec"), line(mountinfo, " /dev/pts "));
        assertTrue(line(mountinfo, " /dev/pts ").contains("mode=620,ptmxmode=666"), line(mountinfo, " /dev/pts "));
        assertTrue(line(mountinfo, " /dev/shm ").contains("rw,nosuid,nodev,noexec"), line(mountinfo, " /dev/shm "));
        assertTrue(line(mountinfo, " /sys ").contains(" ro,nosuid,nodev,noexec"), line(mountinfo, " /sys "));
        assertTrue(line(mountinfo, " /proc/sys ").contains(" ro,relatime"), line(mountinfo, " /proc/sys "));
        // a file is masked with /dev/null (this kernel has no /proc/kcore), a directory with a read-only tmpfs
        assertTrue(line(mountinfo, " /proc/keys ").contains("/null /proc/keys"), line(mountinfo, " /proc/keys "));
        assertTrue(line(mountinfo, " /proc/acpi ").contains(" /proc/acpi ro,relatime - tmpfs"),
                line(mountinfo, " /proc/acpi "));
        assertTrue(line(mountinfo, " /sys/fs/cgroup/memory ").contains(" ro,nosuid,nodev,noexec,relatime"),
                line(mountinfo, " /sys/fs/cgroup/memory "));
        assertFalse(read("mountinfo").contains(" /proc/absent "));

        assertEquals("1\n", read("touch.rc"));
        assertTrue(read("touch.err").contains("Read-only file system"), read("touch.err"));
        assertEquals("0\n", read("kcore"));
        assertEquals("0\n", read("acpi"));
        assertEquals("1\n", read("sys.rc"));
        assertEquals("1\n", read("sysctl"));
        assertEquals("""
                /dev/null 1:3 666 character special file
                /dev/zero 1:5 666 character special file
                /dev/full 1:7 666 character special file
                /dev/random 1:8 666 character special file
                /dev/urandom 1:9 666 character special file
                /dev/tty 5:0 666 character special file
                /dev/fuse a:e5 666 character special file
                """, read("devices"));
        String links = read("links");
        assertTrue(links.contains("/dev/ptmx -> pts/ptmx"), links);
        assertTrue(links.contains("/dev/fd -> /proc/self/fd"), links);
        assertTrue(links.contains("/dev/stderr -> /proc/self/fd/2"), links);
        assertEquals("/sys/fs/cgroup/memory\n/sys/fs/cgroup/pids\n", read("cgroups"));
    }

    @Test
    void aSymlinkedDestinationPointingAtAHostPathStaysInsideTheRootfs() throws Exception {
        Path host = Files.createDirectories(dir.resolve("host-victim"));
        Files.createDirectories(rootfs.resolve("mnt"));
        Files.createSymbolicLink(rootfs.resolve("mnt/escape"), host);
        String extra = """
                , {"destination": "/mnt/escape", "type": "tmpfs", "source": "tmpfs", "options": ["mode=700"]}""";
        assertEquals(0, runContainer(spec(extra, "", false), false,
                "echo inside > /mnt/escape/file; grep ' " + host + " ' /proc/self/mountinfo > /out/where"));

        try (var listing = Files.list(host)) {
            assertEquals(0, listing.count(), "the host directory is untouched");
        }
        assertTrue(Files.isDirectory(rootfs.resolve(host.toString().substring(1))),
                "the link's target was created inside the rootfs");
        assertTrue(read("where").contains(" " + host + " rw,relatime - tmpfs"), read("where"));
    }

    @Test
    void noPivotWorks() throws Exception {
        assertEquals(0, runContainer(spec("", "", false), true,
                "cat /proc/self/mountinfo > /out/mountinfo; ls /bin/busybox > /out/ls"));
        assertEquals("/bin/busybox\n", read("ls"));
        assertTrue(rootLine(Arrays.asList(read("mountinfo").split("\n"))).contains(rootfs + " / rw,"),
                read("mountinfo"));
    }

    @Test
    void inAUserNamespaceDevicesAreBoundAndLockedFlagsKept() throws Exception {
        Process chown = new ProcessBuilder("chown", "-R", "100000:100000", rootfs.toString(), out.toString())
                .inheritIO().start();
        assertEquals(0, chown.waitFor());
        // the mapped root must be able to reach the rootfs through the (0700) temporary directory
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String linux = """
                ,"uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
                "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]""";
        Spec spec = spec("", linux, true);
        Spec withUser = new Spec(spec.ociVersion(), spec.process(), spec.root(), spec.hostname(), spec.domainname(),
                spec.mounts(), spec.hooks(), spec.annotations(), new dev.jrun.core.spec.Linux(
                        spec.linux().uidMappings(), spec.linux().gidMappings(), spec.linux().sysctl(),
                        spec.linux().resources(), spec.linux().cgroupsPath(),
                        java.util.stream.Stream.concat(spec.linux().namespaces().stream(),
                                java.util.stream.Stream.of(new dev.jrun.core.spec.Linux.Namespace("user", null))).toList(),
                        spec.linux().devices(), spec.linux().seccomp(), spec.linux().rootfsPropagation(),
                        spec.linux().maskedPaths(), spec.linux().readonlyPaths(), spec.linux().mountLabel(),
                        spec.linux().intelRdt(), spec.linux().personality(), spec.linux().timeOffsets(),
                        spec.linux().netDevices(), spec.linux().memoryPolicy()));
        assertEquals(0, runContainer(withUser, false, PROBE.replace("tty fuse", "tty")));

        List<String> mountinfo = Arrays.asList(read("mountinfo").split("\n"));
        assertTrue(rootLine(mountinfo).contains(" / ro,"), "read-only root: " + rootLine(mountinfo));
        assertTrue(line(mountinfo, " /dev/null ").contains("- devtmpfs"), "bound from the host: "
                + line(mountinfo, " /dev/null "));
        assertTrue(read("devices").startsWith("/dev/null 1:3 666 character special file\n"), read("devices"));
        assertEquals("1\n", read("touch.rc"));
        assertEquals("0\n", read("kcore"));
    }

    private static String rootLine(List<String> lines) {
        return lines.stream().filter(l -> l.split(" ")[4].equals("/")).findFirst().orElse("(no root line)");
    }

    private static String line(List<String> lines, String needle) {
        return lines.stream().filter(l -> l.contains(needle)).findFirst().orElse("(no line with '" + needle + "')");
    }
}
