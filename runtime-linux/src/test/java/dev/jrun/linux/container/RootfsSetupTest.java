package dev.jrun.linux.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.Outcome;
import dev.jrun.linux.plan.Plan;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.PlanErrors;
import dev.jrun.linux.plan.PlanInterpreter;
import dev.jrun.linux.plan.RecordingSyscalls;
import dev.jrun.linux.plan.SimulatedArena;
import dev.jrun.linux.plan.SyscallNumbers;
import dev.jrun.linux.rootfs.HostMounts;
import dev.jrun.linux.rootfs.InRootPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsSetupTest {
    private static final String HYBRID = """
            22 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
            23 22 0:5 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
            24 22 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:2 - sysfs sysfs rw
            31 24 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            36 31 0:33 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;
    private static final String UNIFIED = """
            22 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw
            23 22 0:5 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw
            31 22 0:28 / /sys/fs/cgroup rw,relatime - cgroup2 cgroup2 rw
            """;
    private static final RootfsSetup.Host HOST = new RootfsSetup.Host(HostMounts.parse(HYBRID), false);
    private static final long SLAVE_REC = 0x80000 | 0x4000;
    private static final long ROOT_FD = 7;
    private static final String T = InRootPaths.SCRATCH_PATH;

    @TempDir
    Path bundle;

    Path rootfs;

    @BeforeEach
    void bundle() throws IOException {
        rootfs = Files.createDirectories(bundle.resolve("rootfs"));
        Files.createDirectories(bundle.resolve("data"));
        Files.writeString(bundle.resolve("hosts"), "127.0.0.1 localhost\n");
    }

    private Spec spec(String mounts, String linux, boolean readonlyRoot) {
        return SpecJson.parse("""
                {"ociVersion": "1.0.2", "root": {"path": "rootfs", "readonly": %s},
                 "mounts": [%s], "linux": {%s}}
                """.formatted(readonlyRoot, mounts, linux), "config.json");
    }

    private PlanContext ctx(Spec spec, boolean noPivot, boolean userns) {
        return new PlanContext(spec, bundle, rootfs, noPivot, userns, 0);
    }

    private record Run(Outcome outcome, RecordingSyscalls kernel) {
        List<String> mounts() {
            return kernel.calls().stream().filter(c -> c.nr() == SyscallNumbers.MOUNT).map(RecordingSyscalls.Call::render)
                    .toList();
        }

        List<String> of(long nr) {
            return kernel.calls().stream().filter(c -> c.nr() == nr).map(RecordingSyscalls.Call::render).toList();
        }

        List<String> all() {
            return kernel.rendered();
        }
    }

    private static Run run(Consumer<PlanBuilder> emit, Consumer<RecordingSyscalls> script) {
        PlanBuilder b = new PlanBuilder();
        emit.accept(b);
        b.exit("done", 0);
        Plan plan = b.build();
        SimulatedArena arena = SimulatedArena.load(plan.arena());
        STRUCTS.set(arena);
        RecordingSyscalls kernel = new RecordingSyscalls(arena);
        script.accept(kernel);
        return new Run(new PlanInterpreter(kernel).run(plan, arena), kernel);
    }

    private Run mounts(PlanContext ctx, Consumer<RecordingSyscalls> script) {
        return run(b -> RootfsSetup.emitMounts(b, ctx, HOST), k -> {
            k.returning(SyscallNumbers.OPENAT, ROOT_FD);
            script.accept(k);
        });
    }

    private Run finish(PlanContext ctx, RootfsSetup.Host host, Consumer<RecordingSyscalls> script) {
        return run(b -> RootfsSetup.emitPivotAndFinish(b, ctx, host), script);
    }

    private static final String BIND_DEV = """
            {"destination": "/dev", "type": "bind", "source": "/dev", "options": ["rbind"]}""";

    @Test
    void runcSpecDefaultMountsInOrder() {
        String mounts = """
                {"destination": "/proc", "type": "proc", "source": "proc"},
                {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
                {"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]},
                {"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
                {"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]},
                {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]}
                """;
        Run run = mounts(ctx(spec(mounts, "", false), false, false), k -> {});

        assertEquals(new Outcome.Exited(0), run.outcome());
        assertEquals(List.of(
                "mount(0, \"/\", 0, " + SLAVE_REC + ")",
                "mount(\"" + rootfs + "\", \"" + rootfs + "\", 0, " + (4096 | 16384) + ")",
                "mount(\"proc\", \"" + T + "\", \"proc\")",
                "mount(\"tmpfs\", \"" + T + "\", \"tmpfs\", " + (2 | (1 << 24)) + ", \"mode=755,size=65536k\")",
                "mount(\"devpts\", \"" + T + "\", \"devpts\", 10, \"newinstance,ptmxmode=0666,mode=0620,gid=5\")",
                "mount(\"shm\", \"" + T + "\", \"tmpfs\", 14, \"mode=1777,size=65536k\")",
                "mount(\"mqueue\", \"" + T + "\", \"mqueue\", 14)",
                "mount(\"sysfs\", \"" + T + "\", \"sysfs\", 15)"), run.mounts());
        // Devices follow, made with umask 0 and the old mask restored.
        assertEquals(List.of("umask()", "umask()"), run.of(SyscallNumbers.UMASK));
        assertTrue(run.all().contains("mknodat(0, \"null\", " + (0020000 | 0666) + ", " + ((1 << 8) | 3) + ")"));
        assertTrue(run.all().contains("fchownat(0, \"null\", 0, 0, 256)"));
    }

    @Test
    void aTmpfsOverAnExistingDirectoryTakesItsModeAsInRunc() throws IOException {
        Files.createDirectories(rootfs.resolve("tmp"));
        Files.setPosixFilePermissions(rootfs.resolve("tmp"), java.nio.file.attribute.PosixFilePermissions.fromString(
                "rwxrwx---"));
        Files.createDirectories(rootfs.resolve("dev/shm"));
        String mounts = """
                {"destination": "/tmp", "type": "tmpfs", "source": "tmpfs", "options": ["mode=755"]},
                {"destination": "/dev", "type": "tmpfs", "source": "tmpfs"},
                {"destination": "/dev/shm", "type": "tmpfs", "source": "shm"},
                {"destination": "/new", "type": "tmpfs", "source": "tmpfs"}""";
        Run run = mounts(ctx(spec(mounts, "", false), false, false), k -> {});
        // /dev/shm lies under the /dev tmpfs mounted before it, /new does not exist: neither is chmod-ed.
        assertEquals(List.of("fchmodat(-100, \"" + T + "\", 504)", "fchmodat(-100, \"" + T + "\", 493)"),
                run.of(SyscallNumbers.FCHMODAT));
    }

    @Test
    void everyLookupIsAnOpenat2InsideTheRootfs() {
        String mounts = """
                {"destination": "/../../etc/../var/lib/x", "type": "tmpfs", "source": "tmpfs"}, """ + BIND_DEV;
        Run run = mounts(ctx(spec(mounts, "", false), false, false), k -> k.returning(SyscallNumbers.OPENAT2, 20, 21,
                22, 23, 24, 25));

        assertEquals(new Outcome.Exited(0), run.outcome());
        List<RecordingSyscalls.Call> opens = run.kernel().calls().stream()
                .filter(c -> c.nr() == SyscallNumbers.OPENAT2).toList();
        for (RecordingSyscalls.Call c : opens) {
            assertEquals(ROOT_FD, c.args().get(0), "relative to the rootfs fd: " + c.render());
            assertEquals(24L, c.args().get(3));
            RecordingSyscalls.Decoded.Pointer how = (RecordingSyscalls.Decoded.Pointer) c.decoded().get(2);
            assertEquals(0x10 | 0x02, readLong(run, how, 16), "RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS");
        }
        List<String> paths = opens.stream()
                .map(c -> ((RecordingSyscalls.Decoded.Pointer) c.decoded().get(1)).text()).toList();
        assertEquals(List.of("var", "var/lib", "var/lib/x"), paths.subList(0, 3));
        List<String> firstOps = run.all().subList(3, 13);
        assertEquals(List.of(
                "mkdirat(7, \"var\", 493)",
                firstOps.get(1),
                "mkdirat(20, \"lib\", 493)",
                firstOps.get(3),
                "close(20)",
                "mkdirat(21, \"x\", 493)",
                firstOps.get(6),
                "close(21)",
                "dup3(22, " + InRootPaths.SCRATCH_FD + ", 524288)",
                "close(22)"), firstOps);
    }

    private static long readLong(Run run, RecordingSyscalls.Decoded.Pointer p, int offset) {
        // The recorder decoded only the first word; the struct's words are consecutive in the arena.
        return structWord(p, offset);
    }

    private static long structWord(RecordingSyscalls.Decoded.Pointer p, int offset) {
        return STRUCTS.get().readLong(SimulatedArena.DEFAULT_BASE + p.offset() + offset);
    }

    private static final ThreadLocal<SimulatedArena> STRUCTS = new ThreadLocal<>();

    @Test
    void procAndSysfsNeverGoThroughASymlink() {
        Run run = mountsKeepingArena(ctx(spec("""
                {"destination": "/proc", "type": "proc", "source": "proc"}, """ + BIND_DEV, "", false), false, false));
        RecordingSyscalls.Call last = run.kernel().calls().stream().filter(c -> c.nr() == SyscallNumbers.OPENAT2)
                .findFirst().orElseThrow();
        long flags = structWord((RecordingSyscalls.Decoded.Pointer) last.decoded().get(2), 0);
        assertEquals(010000000 | 02000000 | 0200000 | 0400000, flags, "O_PATH|O_CLOEXEC|O_DIRECTORY|O_NOFOLLOW");
    }

    private Run mountsKeepingArena(PlanContext ctx) {
        PlanBuilder b = new PlanBuilder();
        RootfsSetup.emitMounts(b, ctx, HOST);
        b.exit("done", 0);
        Plan plan = b.build();
        SimulatedArena arena = SimulatedArena.load(plan.arena());
        STRUCTS.set(arena);
        RecordingSyscalls kernel = new RecordingSyscalls(arena).returning(SyscallNumbers.OPENAT, ROOT_FD);
        return new Run(new PlanInterpreter(kernel).run(plan, arena), kernel);
    }

    @Test
    void bindMountsAFileOnAFileAndRemountsForItsOptions() {
        String mounts = """
                {"destination": "/etc/hosts", "type": "none", "source": "hosts", "options": ["bind", "ro", "nosuid"]},
                """ + BIND_DEV;
        // The first remount is refused (a locked read-only source): runc retries with MS_RDONLY.
        Run run = mounts(ctx(spec(mounts, "", false), false, false), k -> k.returning(SyscallNumbers.MOUNT, 0, 0, 0,
                Errno.EPERM.negative()));

        assertEquals(new Outcome.Exited(0), run.outcome());
        String src = bundle.resolve("hosts").toString();
        assertEquals(List.of(
                "mount(\"" + src + "\", \"" + T + "\", 0, " + (4096 | 1 | 2) + ")",
                "mount(\"" + src + "\", \"" + T + "\", 0, " + (4096 | 1 | 2 | 32) + ")",
                "mount(\"" + src + "\", \"" + T + "\", 0, " + (4096 | 1 | 2 | 32) + ")",
                "mount(\"/dev\", \"" + T + "\", 0, " + (4096 | 16384) + ")"), run.mounts().subList(2, 6));
        assertTrue(run.all().contains("mknodat(0, \"hosts\", " + (0100000 | 0755) + ")"), run.all().toString());
    }

    @Test
    void recursiveAttributesUseMountSetattr() {
        Run run = mountsKeepingArena(ctx(spec("""
                {"destination": "/data", "type": "bind", "source": "data", "options": ["rbind", "rro", "rnosuid"]},
                """ + BIND_DEV, "", false), false, false));

        assertEquals(new Outcome.Exited(0), run.outcome());
        RecordingSyscalls.Call set = run.kernel().calls().stream()
                .filter(c -> c.nr() == SyscallNumbers.MOUNT_SETATTR).findFirst().orElseThrow();
        assertEquals(-1L, set.args().get(0));
        assertEquals(T, ((RecordingSyscalls.Decoded.Pointer) set.decoded().get(1)).text());
        assertEquals(0x8000L, set.args().get(2));
        assertEquals(32L, set.args().get(4));
        RecordingSyscalls.Decoded.Pointer attr = (RecordingSyscalls.Decoded.Pointer) set.decoded().get(3);
        assertEquals(0x1 | 0x2, structWord(attr, 0));
        assertEquals(0, structWord(attr, 8));
        // no remount: rbind alone has no per-mount flags
        assertEquals(1, run.mounts().stream().filter(m -> m.contains("\"" + bundle.resolve("data") + "\"")).count());
    }

    @Test
    void propagationOptionsAreSeparateCallsOnAFreshTarget() {
        Run run = mounts(ctx(spec("""
                {"destination": "/data", "type": "bind", "source": "data", "options": ["rbind", "rshared", "private"]},
                """ + BIND_DEV, "", false), false, false), k -> {});
        List<String> m = run.mounts();
        assertEquals("mount(0, \"" + T + "\", 0, " + ((1 << 20) | 16384) + ")", m.get(3));
        assertEquals("mount(0, \"" + T + "\", 0, " + (1 << 18) + ")", m.get(4));
        int bind = run.all().indexOf("mount(\"" + bundle.resolve("data") + "\", \"" + T + "\", 0, 20480)");
        assertTrue(run.all().get(bind + 2).startsWith("dup3("), "target re-resolved: " + run.all().get(bind + 2));
    }

    @Test
    void mountsOverOrInsideProcAreRefusedAsRuncDoes() {
        JrunException inside = assertThrows(JrunException.class, () -> mounts(ctx(spec("""
                {"destination": "/proc/foo", "type": "tmpfs", "source": "tmpfs"}""", "", false), false, false), k -> {}));
        assertEquals("error mounting \"tmpfs\" to rootfs at \"/proc/foo\": \"/proc/foo\" cannot be mounted because it"
                + " is inside /proc", inside.getMessage());
        assertThrows(JrunException.class, () -> mounts(ctx(spec("""
                {"destination": "/proc", "type": "tmpfs", "source": "tmpfs"}""", "", false), false, false), k -> {}));
        mounts(ctx(spec("""
                {"destination": "/proc/meminfo", "type": "bind", "source": "hosts", "options": ["bind"]}""", "",
                false), false, false), k -> {});
        assertThrows(JrunException.class, () -> mounts(ctx(spec("""
                {"destination": "/x", "type": "bind", "source": "missing", "options": ["bind"]}""", "", false), false,
                false), k -> {}));
        assertThrows(JrunException.class, () -> mounts(ctx(spec("""
                {"destination": "/tmp", "type": "tmpfs", "source": "tmpfs", "options": ["tmpcopyup"]}""", "", false),
                false, false), k -> {}));
    }

    @Test
    void devicesExistingOnesKeptAndRefusedMknodFallsBackToBind() {
        String linux = """
                "devices": [{"path": "/dev/fuse", "type": "c", "major": 10, "minor": 229, "fileMode": 8630, "uid": 0, "gid": 5}]""";
        // null exists; zero is refused (EPERM): bind from the host.
        Run run = mounts(ctx(spec("", linux, false), false, false),
                k -> k.returning(SyscallNumbers.MKNODAT, Errno.EEXIST.negative(), 0, 0, 0,
                        Errno.EPERM.negative(), 0, 0, 0));

        assertEquals(new Outcome.Exited(0), run.outcome());
        List<String> mknods = run.of(SyscallNumbers.MKNODAT);
        assertEquals(List.of(
                "mknodat(0, \"null\", 8630, 259)",
                "mknodat(0, \"random\", 8630, 264)",
                "mknodat(0, \"full\", 8630, 263)",
                "mknodat(0, \"tty\", 8630, 1280)",
                "mknodat(0, \"zero\", 8630, 261)",
                "mknodat(0, \"zero\", 33206)",
                "mknodat(0, \"urandom\", 8630, 265)",
                "mknodat(0, \"fuse\", " + (0020000 | 0666) + ", " + ((10 << 8) | 229) + ")"), mknods);
        assertFalse(run.all().contains("fchownat(0, \"null\", 0, 0, 256)"), "an existing node is not chowned");
        assertTrue(run.all().contains("fchownat(0, \"fuse\", 0, 5, 256)"));
        assertTrue(run.mounts().contains("mount(\"/dev/zero\", \"" + T + "\", 0, 4096)"));
        assertEquals(List.of(
                "unlinkat(0, \"ptmx\")",
                "symlinkat(\"pts/ptmx\", 0, \"ptmx\")",
                "symlinkat(\"/proc/self/fd\", 0, \"fd\")",
                "symlinkat(\"/proc/self/fd/0\", 0, \"stdin\")",
                "symlinkat(\"/proc/self/fd/1\", 0, \"stdout\")",
                "symlinkat(\"/proc/self/fd/2\", 0, \"stderr\")"),
                run.all().stream().filter(s -> s.startsWith("unlinkat") || s.startsWith("symlinkat")).toList());
    }

    @Test
    void inAUserNamespaceDevicesAreBoundOntoEmptyFiles() {
        Run run = mounts(ctx(spec("", "", false), false, true), k -> {});
        assertEquals(6, run.of(SyscallNumbers.MKNODAT).stream().filter(s -> s.contains(", 33206)")).count());
        assertEquals(6, run.mounts().stream().filter(s -> s.startsWith("mount(\"/dev/")).count());
        assertTrue(run.of(SyscallNumbers.FCHOWNAT).isEmpty());
    }

    @Test
    void aDevBindFromTheHostMeansNoDevicesOrLinks() {
        Run run = mounts(ctx(spec(BIND_DEV, "", false), false, false), k -> {});
        assertTrue(run.of(SyscallNumbers.MKNODAT).isEmpty());
        assertTrue(run.of(SyscallNumbers.SYMLINKAT).isEmpty());
    }

    @Test
    void cgroupV1WithoutACgroupNamespaceMountsInAHelperClone() {
        String mounts = """
                {"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup", "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]},
                """ + BIND_DEV;
        long flags = 2 | 4 | 8 | (1 << 21) | 1;
        List<String> expected = List.of(
                "mount(\"cgroup\", \"" + T + "\", \"cgroup\", " + flags + ", \"memory\")",
                "mount(\"cgroup\", \"" + T + "\", \"cgroup\", " + flags + ", \"cpu,cpuacct\")",
                "mount(\"cgroup\", \"" + T + "\", \"cgroup\", " + flags + ", \"name=systemd\")");
        // In the helper (clone returns 0): the mounts, then exit_group.
        Run helper = mounts(ctx(spec(mounts, "", false), false, false), k -> {});
        assertEquals(expected, helper.mounts().subList(3, 6));
        assertEquals("mount(\"tmpfs\", \"" + T + "\", \"tmpfs\", 14, \"mode=755\")", helper.mounts().get(2));
        assertEquals(List.of("clone(" + (0x02000000 | 17) + ")"), helper.of(SyscallNumbers.CLONE));
        assertEquals(List.of("exit_group()"), helper.of(SyscallNumbers.EXIT_GROUP));
        // In the container (clone returns the helper's pid): wait for it, then the merged-hierarchy links.
        Run parent = mounts(ctx(spec(mounts, "", false), false, false),
                k -> k.returning(SyscallNumbers.CLONE, 42).returning(SyscallNumbers.WAIT4, Errno.EINTR.negative(), 42));
        assertEquals(List.of("wait4(42)", "wait4(42)"), parent.of(SyscallNumbers.WAIT4));
        assertEquals(3, parent.mounts().size() - 1, "no cgroup mounts in the container itself");
        assertEquals(List.of("symlinkat(\"cpu,cpuacct\", 0, \"cpu\")", "symlinkat(\"cpu,cpuacct\", 0, \"cpuacct\")"),
                parent.of(SyscallNumbers.SYMLINKAT));
    }

    @Test
    void cgroupV1WithItsOwnCgroupNamespaceMountsDirectly() {
        String mounts = """
                {"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup", "options": ["ro"]},
                """ + BIND_DEV;
        Run run = mounts(ctx(spec(mounts, "\"namespaces\": [{\"type\": \"cgroup\"}]", false), false, false), k -> {});
        assertTrue(run.of(SyscallNumbers.CLONE).isEmpty());
        assertEquals(3, run.mounts().stream().filter(s -> s.contains("\"cgroup\", 15,")).count());
    }

    @Test
    void cgroup2FallsBackToBindingTheHostHierarchy() {
        String mounts = """
                {"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup", "options": ["ro"]},
                """ + BIND_DEV;
        RootfsSetup.Host unified = new RootfsSetup.Host(HostMounts.parse(UNIFIED), false);
        Run run = run(b -> RootfsSetup.emitMounts(b, ctx(spec(mounts, "", false), false, false), unified),
                k -> k.returning(SyscallNumbers.MOUNT, 0, 0, Errno.EPERM.negative()));
        assertEquals(List.of(
                "mount(\"cgroup\", \"" + T + "\", \"cgroup2\", 1)",
                "mount(\"/sys/fs/cgroup\", \"" + T + "\", 0, 4097)",
                "mount(\"/sys/fs/cgroup\", \"" + T + "\", 0, 4129)"), run.mounts().subList(2, 5));
    }

    @Test
    void aSharedRootPropagationMakesTheRootfsParentPrivate() {
        Run run = mounts(ctx(spec(BIND_DEV, "\"rootfsPropagation\": \"rshared\"", false), false, false), k -> {});
        assertEquals(List.of("mount(0, \"/\", 0, " + ((1 << 20) | 16384) + ")", "mount(0, \"/\", 0, " + (1 << 18) + ")"),
                run.mounts().subList(0, 2));
        assertThrows(JrunException.class, () -> mounts(ctx(spec(BIND_DEV, "\"rootfsPropagation\": \"rprivate\"",
                false), true, false), k -> {}));
        assertThrows(JrunException.class, () -> mounts(ctx(spec(BIND_DEV, "\"rootfsPropagation\": \"bogus\"",
                false), false, false), k -> {}));
    }

    @Test
    void pivotRootAsRuncDoes() {
        Run run = finish(ctx(spec("", "", false), false, false), HOST, k -> k.returning(SyscallNumbers.OPENAT, 3, 4));
        assertEquals(List.of(
                "openat(-100, \"/\", 589824)",
                "openat(-100, \"" + rootfs + "\", 589824)",
                "fchdir(4)",
                "pivot_root(\".\", \".\")",
                "fchdir(3)",
                "mount(0, \".\", 0, " + SLAVE_REC + ")",
                "umount2(\".\", 2)",
                "chdir(\"/\")",
                "close(3)",
                "close(4)"), run.all());
    }

    @Test
    void noPivotHidesHostProcAndSysThenMovesAndChroots() {
        Run run = finish(ctx(spec("", "", false), true, false), HOST,
                k -> k.returning(SyscallNumbers.UMOUNT2, 0, Errno.EPERM.negative()));
        assertEquals(List.of(
                "chdir(\"" + rootfs + "\")",
                "mount(0, \"/proc\", 0, " + SLAVE_REC + ")",
                "umount2(\"/proc\", 2)",
                "mount(0, \"/sys\", 0, " + SLAVE_REC + ")",
                "umount2(\"/sys\", 2)",
                "mount(\"tmpfs\", \"/sys\", \"tmpfs\")",
                "mount(\"" + rootfs + "\", \"/\", 0, 8192)",
                "chroot(\".\")",
                "chdir(\"/\")"), run.all());
    }

    @Test
    void readonlyRootKeepsLockedFlagsFoundByTrying() {
        // Locked: nodev (the third try, after "" and nosuid, succeeds).
        Run run = finish(ctx(spec("", "", true), false, true), HOST, k -> k.returning(SyscallNumbers.MOUNT, 0,
                Errno.EPERM.negative(), Errno.EPERM.negative(), 0));
        long ro = 4096 | 32 | 1;
        assertEquals(List.of(
                "mount(0, \"/\", 0, " + ro + ")",
                "mount(0, \"/\", 0, " + (ro | 2) + ")",
                "mount(0, \"/\", 0, " + (ro | 4) + ")"), run.mounts().subList(1, 4));
        assertEquals(4, run.mounts().size());
    }

    @Test
    void readonlyPathsMaskedPathsAndSysctlInRuncsOrder() {
        String mounts = """
                {"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid", "noexec", "nodev"]},
                {"destination": "/run", "type": "tmpfs", "source": "tmpfs", "options": ["ro", "nosuid"]}""";
        String linux = """
                "sysctl": {"net.ipv4.ip_forward": "1"},
                "readonlyPaths": ["/proc/sys", "/proc/missing"],
                "maskedPaths": ["/proc/kcore", "/proc/acpi", "/proc/nothing"]""";
        // mounts: slave, /run ro, /proc/sys bind, /proc/sys ro, /proc/missing ENOENT, kcore ok, acpi ENOTDIR, tmpfs, nothing ENOENT
        Run run = finish(ctx(spec(mounts, linux, false), false, false), HOST, k -> k
                .returning(SyscallNumbers.OPENAT, 3, 4, 9)
                .returning(SyscallNumbers.MOUNT, 0, 0, 0, 0, Errno.ENOENT.negative(), 0, Errno.ENOTDIR.negative(), 0,
                        Errno.ENOENT.negative()));
        assertEquals(new Outcome.Exited(0), run.outcome());
        List<String> tail = run.all().subList(10, run.all().size());
        assertEquals(List.of(
                "mount(0, \"/run\", 0, " + (1 | 2 | 32 | 4096) + ")",
                "openat(-100, \"/proc/sys/net/ipv4/ip_forward\", 524801)",
                "write(9, \"1\", 1)",
                "close(9)",
                "mount(\"/proc/sys\", \"/proc/sys\", 0, 20480)",
                "mount(0, \"/proc/sys\", 0, " + (4096 | 32 | 1 | 2 | 4 | 8) + ")",
                "mount(\"/proc/missing\", \"/proc/missing\", 0, 20480)",
                "mount(\"/dev/null\", \"/proc/kcore\", 0, 4096)",
                "mount(\"/dev/null\", \"/proc/acpi\", 0, 4096)",
                "mount(\"tmpfs\", \"/proc/acpi\", \"tmpfs\", 1)",
                "mount(\"/dev/null\", \"/proc/nothing\", 0, 4096)"), tail);
    }

    @Test
    void aFailedStepReadsWellInTheError() {
        Run run = mounts(ctx(spec("""
                {"destination": "/data/x", "type": "tmpfs", "source": "tmpfs"}""", "", false), false, false),
                k -> k.returning(SyscallNumbers.OPENAT2, Errno.ELOOP.negative()));
        Outcome.Failed failed = (Outcome.Failed) run.outcome();
        assertEquals("resolve /data in the rootfs " + rootfs + ": ELOOP (too many levels of symbolic links)",
                PlanErrors.message(failed));
    }
}
