package dev.jrun.core.spec;

import dev.jrun.core.json.JsonSyntaxException;
import dev.jrun.core.json.MiniJsonReader;
import dev.jrun.core.json.MiniJsonReader.Kind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds config.json onto the {@link Spec} records by hand, over {@link MiniJsonReader}'s cursor: jackson-databind's
 * introspection costs create a large share of its start-up and none of it can be cached ahead of time.
 *
 * <p>It decodes exactly as jackson did with {@code SpecJson}'s settings (a differential test keeps it so): unknown
 * properties (and the solaris, windows and vm sections the model drops) are skipped after their syntax is checked;
 * null and absent both give null; a repeated key replaces the earlier value (objects are replaced, not merged);
 * no coercion ("1" is not 1, 1.0 is not an integer, 1 is not true); list elements and map values may be null.
 * Integers must fit their field (Integer: 32 bits, Long: 64 bits signed); the spec's uint64 fields take 0 to
 * 2^64-1 and keep Go's bit pattern in a long (see {@link Uint64}).
 *
 * <p>Errors are {@link ConfigException}s naming the JSON path of the offending value (map keys quoted when not
 * plain identifiers) and its line and column.
 */
public final class SpecBinder {
    /** jackson's default nesting limit, so that deep unknown properties load as before. */
    private static final int MAX_DEPTH = 1000;
    private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);

    /** The bound spec, and the top-level keys the document had (the model drops some, such as "windows"). */
    public record Bound(Spec spec, Set<String> topLevelKeys) {
    }

    private final MiniJsonReader r;
    private final String source;
    /** The path of the value being read: keys (String) and indexes (Integer), the first {@code depth} in use. */
    private Object[] path = new Object[32];
    private int depth;

    private SpecBinder(byte[] utf8, String source) {
        this.r = MiniJsonReader.cursor(utf8, MAX_DEPTH);
        this.source = source;
    }

    public static Spec parse(String json, String sourceName) {
        return bind(json.getBytes(StandardCharsets.UTF_8), sourceName).spec();
    }

    /** Binds one document; {@code sourceName} prefixes error messages. */
    public static Bound bind(byte[] utf8, String sourceName) {
        SpecBinder b = new SpecBinder(utf8, sourceName);
        try {
            Bound bound = b.document();
            b.depth = 0;
            b.r.finish();
            return bound;
        } catch (JsonSyntaxException e) {
            throw b.syntax(e);
        }
    }

    private Bound document() {
        Kind k = r.peek();
        if (k == Kind.NULL) {
            String what = "expected an object, got null";
            throw new ConfigException(source + ": " + what, null, what, null);
        }
        if (k != Kind.OBJECT) {
            throw mismatch("an object", k);
        }
        Set<String> keys = new LinkedHashSet<>();
        String ociVersion = null;
        Process process = null;
        Root root = null;
        String hostname = null;
        String domainname = null;
        List<Mount> mounts = null;
        Hooks hooks = null;
        Map<String, String> annotations = null;
        Linux linux = null;
        int m = openObject();
        for (String key; (key = nextKey(m)) != null; ) {
            keys.add(key);
            switch (key) {
                case "ociVersion" -> ociVersion = string();
                case "process" -> process = process();
                case "root" -> root = root();
                case "hostname" -> hostname = string();
                case "domainname" -> domainname = string();
                case "mounts" -> mounts = mounts();
                case "hooks" -> hooks = hooks();
                case "annotations" -> annotations = stringMap();
                case "linux" -> linux = linux();
                default -> skip();
            }
        }
        return new Bound(new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux),
                Set.copyOf(keys));
    }

    // ---- process ----

    private Process process() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Boolean terminal = null;
        Process.ConsoleSize consoleSize = null;
        Process.User user = null;
        List<String> args = null;
        String commandLine = null;
        List<String> env = null;
        String cwd = null;
        Process.Capabilities capabilities = null;
        List<Process.Rlimit> rlimits = null;
        Boolean noNewPrivileges = null;
        String apparmorProfile = null;
        Integer oomScoreAdj = null;
        Process.Scheduler scheduler = null;
        String selinuxLabel = null;
        Process.IoPriority ioPriority = null;
        Process.ExecCpuAffinity execCPUAffinity = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "terminal" -> terminal = bool();
                case "consoleSize" -> consoleSize = consoleSize();
                case "user" -> user = user();
                case "args" -> args = strings();
                case "commandLine" -> commandLine = string();
                case "env" -> env = strings();
                case "cwd" -> cwd = string();
                case "capabilities" -> capabilities = capabilities();
                case "rlimits" -> rlimits = rlimits();
                case "noNewPrivileges" -> noNewPrivileges = bool();
                case "apparmorProfile" -> apparmorProfile = string();
                case "oomScoreAdj" -> oomScoreAdj = int32();
                case "scheduler" -> scheduler = scheduler();
                case "selinuxLabel" -> selinuxLabel = string();
                case "ioPriority" -> ioPriority = ioPriority();
                case "execCPUAffinity" -> execCPUAffinity = execCpuAffinity();
                default -> skip();
            }
        }
        return new Process(terminal, consoleSize, user, args, commandLine, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, scheduler, selinuxLabel, ioPriority, execCPUAffinity);
    }

    private Process.ConsoleSize consoleSize() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Long height = null;
        Long width = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "height" -> height = int64();
                case "width" -> width = int64();
                default -> skip();
            }
        }
        return new Process.ConsoleSize(height, width);
    }

    private Process.User user() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Long uid = null;
        Long gid = null;
        Long umask = null;
        List<Long> additionalGids = null;
        String username = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "uid" -> uid = int64();
                case "gid" -> gid = int64();
                case "umask" -> umask = int64();
                case "additionalGids" -> additionalGids = longs();
                case "username" -> username = string();
                default -> skip();
            }
        }
        return new Process.User(uid, gid, umask, additionalGids, username);
    }

    private Process.Capabilities capabilities() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        List<String> bounding = null;
        List<String> effective = null;
        List<String> inheritable = null;
        List<String> permitted = null;
        List<String> ambient = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "bounding" -> bounding = strings();
                case "effective" -> effective = strings();
                case "inheritable" -> inheritable = strings();
                case "permitted" -> permitted = strings();
                case "ambient" -> ambient = strings();
                default -> skip();
            }
        }
        return new Process.Capabilities(bounding, effective, inheritable, permitted, ambient);
    }

    private List<Process.Rlimit> rlimits() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<Process.Rlimit> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(rlimit());
        }
        return out;
    }

    private Process.Rlimit rlimit() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String type = null;
        Long hard = null;
        Long soft = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "type" -> type = string();
                case "hard" -> hard = uint64();
                case "soft" -> soft = uint64();
                default -> skip();
            }
        }
        return new Process.Rlimit(type, hard, soft);
    }

    private Process.Scheduler scheduler() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String policy = null;
        Integer nice = null;
        Integer priority = null;
        List<String> flags = null;
        Long runtime = null;
        Long deadline = null;
        Long period = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "policy" -> policy = string();
                case "nice" -> nice = int32();
                case "priority" -> priority = int32();
                case "flags" -> flags = strings();
                case "runtime" -> runtime = int64();
                case "deadline" -> deadline = int64();
                case "period" -> period = int64();
                default -> skip();
            }
        }
        return new Process.Scheduler(policy, nice, priority, flags, runtime, deadline, period);
    }

    private Process.IoPriority ioPriority() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String ioClass = null;
        Integer priority = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "class" -> ioClass = string();
                case "priority" -> priority = int32();
                default -> skip();
            }
        }
        return new Process.IoPriority(ioClass, priority);
    }

    private Process.ExecCpuAffinity execCpuAffinity() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String initial = null;
        String finalAffinity = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "initial" -> initial = string();
                case "final" -> finalAffinity = string();
                default -> skip();
            }
        }
        return new Process.ExecCpuAffinity(initial, finalAffinity);
    }

    // ---- root, mounts, hooks ----

    private Root root() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String p = null;
        Boolean readonly = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "path" -> p = string();
                case "readonly" -> readonly = bool();
                default -> skip();
            }
        }
        return new Root(p, readonly);
    }

    private List<Mount> mounts() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<Mount> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(mount());
        }
        return out;
    }

    private Mount mount() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String destination = null;
        String type = null;
        String src = null;
        List<String> options = null;
        List<IdMapping> uidMappings = null;
        List<IdMapping> gidMappings = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "destination" -> destination = string();
                case "type" -> type = string();
                case "source" -> src = string();
                case "options" -> options = strings();
                case "uidMappings" -> uidMappings = idMappings();
                case "gidMappings" -> gidMappings = idMappings();
                default -> skip();
            }
        }
        return new Mount(destination, type, src, options, uidMappings, gidMappings);
    }

    private List<IdMapping> idMappings() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<IdMapping> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(idMapping());
        }
        return out;
    }

    private IdMapping idMapping() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Long containerID = null;
        Long hostID = null;
        Long size = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "containerID" -> containerID = int64();
                case "hostID" -> hostID = int64();
                case "size" -> size = int64();
                default -> skip();
            }
        }
        return new IdMapping(containerID, hostID, size);
    }

    private Hooks hooks() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        List<Hooks.Hook> prestart = null;
        List<Hooks.Hook> createRuntime = null;
        List<Hooks.Hook> createContainer = null;
        List<Hooks.Hook> startContainer = null;
        List<Hooks.Hook> poststart = null;
        List<Hooks.Hook> poststop = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "prestart" -> prestart = hookList();
                case "createRuntime" -> createRuntime = hookList();
                case "createContainer" -> createContainer = hookList();
                case "startContainer" -> startContainer = hookList();
                case "poststart" -> poststart = hookList();
                case "poststop" -> poststop = hookList();
                default -> skip();
            }
        }
        return new Hooks(prestart, createRuntime, createContainer, startContainer, poststart, poststop);
    }

    private List<Hooks.Hook> hookList() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<Hooks.Hook> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(hook());
        }
        return out;
    }

    private Hooks.Hook hook() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String p = null;
        List<String> args = null;
        List<String> env = null;
        Integer timeout = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "path" -> p = string();
                case "args" -> args = strings();
                case "env" -> env = strings();
                case "timeout" -> timeout = int32();
                default -> skip();
            }
        }
        return new Hooks.Hook(p, args, env, timeout);
    }

    // ---- linux ----

    private Linux linux() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        List<IdMapping> uidMappings = null;
        List<IdMapping> gidMappings = null;
        Map<String, String> sysctl = null;
        LinuxResources resources = null;
        String cgroupsPath = null;
        List<Linux.Namespace> namespaces = null;
        List<Linux.Device> devices = null;
        Seccomp seccomp = null;
        String rootfsPropagation = null;
        List<String> maskedPaths = null;
        List<String> readonlyPaths = null;
        String mountLabel = null;
        Linux.IntelRdt intelRdt = null;
        Linux.Personality personality = null;
        Map<String, Linux.TimeOffset> timeOffsets = null;
        Map<String, Linux.NetDevice> netDevices = null;
        Linux.MemoryPolicy memoryPolicy = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "uidMappings" -> uidMappings = idMappings();
                case "gidMappings" -> gidMappings = idMappings();
                case "sysctl" -> sysctl = stringMap();
                case "resources" -> resources = resources();
                case "cgroupsPath" -> cgroupsPath = string();
                case "namespaces" -> namespaces = namespaces();
                case "devices" -> devices = devices();
                case "seccomp" -> seccomp = seccomp();
                case "rootfsPropagation" -> rootfsPropagation = string();
                case "maskedPaths" -> maskedPaths = strings();
                case "readonlyPaths" -> readonlyPaths = strings();
                case "mountLabel" -> mountLabel = string();
                case "intelRdt" -> intelRdt = intelRdt();
                case "personality" -> personality = personality();
                case "timeOffsets" -> timeOffsets = timeOffsets();
                case "netDevices" -> netDevices = netDevices();
                case "memoryPolicy" -> memoryPolicy = memoryPolicy();
                default -> skip();
            }
        }
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, timeOffsets,
                netDevices, memoryPolicy);
    }

    private List<Linux.Namespace> namespaces() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<Linux.Namespace> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(namespace());
        }
        return out;
    }

    private Linux.Namespace namespace() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String type = null;
        String p = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "type" -> type = string();
                case "path" -> p = string();
                default -> skip();
            }
        }
        return new Linux.Namespace(type, p);
    }

    private List<Linux.Device> devices() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<Linux.Device> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(device());
        }
        return out;
    }

    private Linux.Device device() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String p = null;
        String type = null;
        Long major = null;
        Long minor = null;
        Integer fileMode = null;
        Long uid = null;
        Long gid = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "path" -> p = string();
                case "type" -> type = string();
                case "major" -> major = int64();
                case "minor" -> minor = int64();
                case "fileMode" -> fileMode = int32();
                case "uid" -> uid = int64();
                case "gid" -> gid = int64();
                default -> skip();
            }
        }
        return new Linux.Device(p, type, major, minor, fileMode, uid, gid);
    }

    private Linux.IntelRdt intelRdt() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String closID = null;
        String l3CacheSchema = null;
        String memBwSchema = null;
        List<String> schemata = null;
        Boolean enableCMT = null;
        Boolean enableMBM = null;
        Boolean enableMonitoring = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "closID" -> closID = string();
                case "l3CacheSchema" -> l3CacheSchema = string();
                case "memBwSchema" -> memBwSchema = string();
                case "schemata" -> schemata = strings();
                case "enableCMT" -> enableCMT = bool();
                case "enableMBM" -> enableMBM = bool();
                case "enableMonitoring" -> enableMonitoring = bool();
                default -> skip();
            }
        }
        return new Linux.IntelRdt(closID, l3CacheSchema, memBwSchema, schemata, enableCMT, enableMBM,
                enableMonitoring);
    }

    private Linux.Personality personality() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String domain = null;
        List<String> flags = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "domain" -> domain = string();
                case "flags" -> flags = strings();
                default -> skip();
            }
        }
        return new Linux.Personality(domain, flags);
    }

    private Map<String, Linux.TimeOffset> timeOffsets() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Map<String, Linux.TimeOffset> out = new LinkedHashMap<>();
        for (String key; (key = nextKey(m)) != null; ) {
            out.put(key, timeOffset());
        }
        return out;
    }

    private Linux.TimeOffset timeOffset() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Long secs = null;
        Long nanosec = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "secs" -> secs = int64();
                case "nanosec" -> nanosec = int64();
                default -> skip();
            }
        }
        return new Linux.TimeOffset(secs, nanosec);
    }

    private Map<String, Linux.NetDevice> netDevices() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Map<String, Linux.NetDevice> out = new LinkedHashMap<>();
        for (String key; (key = nextKey(m)) != null; ) {
            out.put(key, netDevice());
        }
        return out;
    }

    private Linux.NetDevice netDevice() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String name = null;
        for (String key; (key = nextKey(m)) != null; ) {
            if (key.equals("name")) {
                name = string();
            } else {
                skip();
            }
        }
        return new Linux.NetDevice(name);
    }

    private Linux.MemoryPolicy memoryPolicy() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String mode = null;
        String nodes = null;
        List<String> flags = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "mode" -> mode = string();
                case "nodes" -> nodes = string();
                case "flags" -> flags = strings();
                default -> skip();
            }
        }
        return new Linux.MemoryPolicy(mode, nodes, flags);
    }

    // ---- linux.resources ----

    private LinuxResources resources() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        List<LinuxResources.DeviceRule> devices = null;
        LinuxResources.Memory memory = null;
        LinuxResources.Cpu cpu = null;
        LinuxResources.Pids pids = null;
        LinuxResources.BlockIo blockIO = null;
        List<LinuxResources.HugepageLimit> hugepageLimits = null;
        LinuxResources.Network network = null;
        Map<String, LinuxResources.Rdma> rdma = null;
        Map<String, String> unified = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "devices" -> devices = deviceRules();
                case "memory" -> memory = memory();
                case "cpu" -> cpu = cpu();
                case "pids" -> pids = pids();
                case "blockIO" -> blockIO = blockIo();
                case "hugepageLimits" -> hugepageLimits = hugepageLimits();
                case "network" -> network = network();
                case "rdma" -> rdma = rdma();
                case "unified" -> unified = stringMap();
                default -> skip();
            }
        }
        return new LinuxResources(devices, memory, cpu, pids, blockIO, hugepageLimits, network, rdma, unified);
    }

    private List<LinuxResources.DeviceRule> deviceRules() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<LinuxResources.DeviceRule> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(deviceRule());
        }
        return out;
    }

    private LinuxResources.DeviceRule deviceRule() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Boolean allow = null;
        String type = null;
        Long major = null;
        Long minor = null;
        String access = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "allow" -> allow = bool();
                case "type" -> type = string();
                case "major" -> major = int64();
                case "minor" -> minor = int64();
                case "access" -> access = string();
                default -> skip();
            }
        }
        return new LinuxResources.DeviceRule(allow, type, major, minor, access);
    }

    private LinuxResources.Memory memory() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Long limit = null;
        Long reservation = null;
        Long swap = null;
        Long kernel = null;
        Long kernelTCP = null;
        Long swappiness = null;
        Boolean disableOOMKiller = null;
        Boolean useHierarchy = null;
        Boolean checkBeforeUpdate = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "limit" -> limit = int64();
                case "reservation" -> reservation = int64();
                case "swap" -> swap = int64();
                case "kernel" -> kernel = int64();
                case "kernelTCP" -> kernelTCP = int64();
                case "swappiness" -> swappiness = uint64();
                case "disableOOMKiller" -> disableOOMKiller = bool();
                case "useHierarchy" -> useHierarchy = bool();
                case "checkBeforeUpdate" -> checkBeforeUpdate = bool();
                default -> skip();
            }
        }
        return new LinuxResources.Memory(limit, reservation, swap, kernel, kernelTCP, swappiness, disableOOMKiller,
                useHierarchy, checkBeforeUpdate);
    }

    private LinuxResources.Cpu cpu() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Long shares = null;
        Long quota = null;
        Long burst = null;
        Long period = null;
        Long realtimeRuntime = null;
        Long realtimePeriod = null;
        String cpus = null;
        String mems = null;
        Long idle = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "shares" -> shares = int64();
                case "quota" -> quota = int64();
                case "burst" -> burst = int64();
                case "period" -> period = int64();
                case "realtimeRuntime" -> realtimeRuntime = int64();
                case "realtimePeriod" -> realtimePeriod = int64();
                case "cpus" -> cpus = string();
                case "mems" -> mems = string();
                case "idle" -> idle = int64();
                default -> skip();
            }
        }
        return new LinuxResources.Cpu(shares, quota, burst, period, realtimeRuntime, realtimePeriod, cpus, mems, idle);
    }

    private LinuxResources.Pids pids() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Long limit = null;
        for (String key; (key = nextKey(m)) != null; ) {
            if (key.equals("limit")) {
                limit = int64();
            } else {
                skip();
            }
        }
        return new LinuxResources.Pids(limit);
    }

    private LinuxResources.BlockIo blockIo() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Integer weight = null;
        Integer leafWeight = null;
        List<LinuxResources.WeightDevice> weightDevice = null;
        List<LinuxResources.ThrottleDevice> throttleReadBpsDevice = null;
        List<LinuxResources.ThrottleDevice> throttleWriteBpsDevice = null;
        List<LinuxResources.ThrottleDevice> throttleReadIOPSDevice = null;
        List<LinuxResources.ThrottleDevice> throttleWriteIOPSDevice = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "weight" -> weight = int32();
                case "leafWeight" -> leafWeight = int32();
                case "weightDevice" -> weightDevice = weightDevices();
                case "throttleReadBpsDevice" -> throttleReadBpsDevice = throttleDevices();
                case "throttleWriteBpsDevice" -> throttleWriteBpsDevice = throttleDevices();
                case "throttleReadIOPSDevice" -> throttleReadIOPSDevice = throttleDevices();
                case "throttleWriteIOPSDevice" -> throttleWriteIOPSDevice = throttleDevices();
                default -> skip();
            }
        }
        return new LinuxResources.BlockIo(weight, leafWeight, weightDevice, throttleReadBpsDevice,
                throttleWriteBpsDevice, throttleReadIOPSDevice, throttleWriteIOPSDevice);
    }

    private List<LinuxResources.WeightDevice> weightDevices() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<LinuxResources.WeightDevice> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(weightDevice());
        }
        return out;
    }

    private LinuxResources.WeightDevice weightDevice() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Long major = null;
        Long minor = null;
        Integer weight = null;
        Integer leafWeight = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "major" -> major = int64();
                case "minor" -> minor = int64();
                case "weight" -> weight = int32();
                case "leafWeight" -> leafWeight = int32();
                default -> skip();
            }
        }
        return new LinuxResources.WeightDevice(major, minor, weight, leafWeight);
    }

    private List<LinuxResources.ThrottleDevice> throttleDevices() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<LinuxResources.ThrottleDevice> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(throttleDevice());
        }
        return out;
    }

    private LinuxResources.ThrottleDevice throttleDevice() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Long major = null;
        Long minor = null;
        Long rate = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "major" -> major = int64();
                case "minor" -> minor = int64();
                case "rate" -> rate = int64();
                default -> skip();
            }
        }
        return new LinuxResources.ThrottleDevice(major, minor, rate);
    }

    private List<LinuxResources.HugepageLimit> hugepageLimits() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<LinuxResources.HugepageLimit> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(hugepageLimit());
        }
        return out;
    }

    private LinuxResources.HugepageLimit hugepageLimit() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String pageSize = null;
        Long limit = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "pageSize" -> pageSize = string();
                case "limit" -> limit = int64();
                default -> skip();
            }
        }
        return new LinuxResources.HugepageLimit(pageSize, limit);
    }

    private LinuxResources.Network network() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Long classID = null;
        List<LinuxResources.InterfacePriority> priorities = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "classID" -> classID = int64();
                case "priorities" -> priorities = priorities();
                default -> skip();
            }
        }
        return new LinuxResources.Network(classID, priorities);
    }

    private List<LinuxResources.InterfacePriority> priorities() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<LinuxResources.InterfacePriority> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(interfacePriority());
        }
        return out;
    }

    private LinuxResources.InterfacePriority interfacePriority() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String name = null;
        Long priority = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "name" -> name = string();
                case "priority" -> priority = int64();
                default -> skip();
            }
        }
        return new LinuxResources.InterfacePriority(name, priority);
    }

    private Map<String, LinuxResources.Rdma> rdma() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Map<String, LinuxResources.Rdma> out = new LinkedHashMap<>();
        for (String key; (key = nextKey(m)) != null; ) {
            out.put(key, rdmaLimit());
        }
        return out;
    }

    private LinuxResources.Rdma rdmaLimit() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Long hcaHandles = null;
        Long hcaObjects = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "hcaHandles" -> hcaHandles = int64();
                case "hcaObjects" -> hcaObjects = int64();
                default -> skip();
            }
        }
        return new LinuxResources.Rdma(hcaHandles, hcaObjects);
    }

    // ---- linux.seccomp ----

    private Seccomp seccomp() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        String defaultAction = null;
        Long defaultErrnoRet = null;
        List<String> architectures = null;
        List<String> flags = null;
        String listenerPath = null;
        String listenerMetadata = null;
        List<Seccomp.Syscall> syscalls = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "defaultAction" -> defaultAction = string();
                case "defaultErrnoRet" -> defaultErrnoRet = int64();
                case "architectures" -> architectures = strings();
                case "flags" -> flags = strings();
                case "listenerPath" -> listenerPath = string();
                case "listenerMetadata" -> listenerMetadata = string();
                case "syscalls" -> syscalls = syscalls();
                default -> skip();
            }
        }
        return new Seccomp(defaultAction, defaultErrnoRet, architectures, flags, listenerPath, listenerMetadata,
                syscalls);
    }

    private List<Seccomp.Syscall> syscalls() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<Seccomp.Syscall> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(syscall());
        }
        return out;
    }

    private Seccomp.Syscall syscall() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        List<String> names = null;
        String action = null;
        Long errnoRet = null;
        List<Seccomp.Arg> args = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "names" -> names = strings();
                case "action" -> action = string();
                case "errnoRet" -> errnoRet = int64();
                case "args" -> args = seccompArgs();
                default -> skip();
            }
        }
        return new Seccomp.Syscall(names, action, errnoRet, args);
    }

    private List<Seccomp.Arg> seccompArgs() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<Seccomp.Arg> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(seccompArg());
        }
        return out;
    }

    private Seccomp.Arg seccompArg() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Long index = null;
        Long value = null;
        Long valueTwo = null;
        String op = null;
        for (String key; (key = nextKey(m)) != null; ) {
            switch (key) {
                case "index" -> index = int64();
                case "value" -> value = uint64();
                case "valueTwo" -> valueTwo = uint64();
                case "op" -> op = string();
                default -> skip();
            }
        }
        return new Seccomp.Arg(index, value, valueTwo, op);
    }

    // ---- generic shapes ----

    private List<String> strings() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(string());
        }
        return out;
    }

    private List<Long> longs() {
        int m = openArray();
        if (m < 0) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; nextElement(m, i); i++) {
            out.add(int64());
        }
        return out;
    }

    private Map<String, String> stringMap() {
        int m = openObject();
        if (m < 0) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String key; (key = nextKey(m)) != null; ) {
            out.put(key, string());
        }
        return out;
    }

    // ---- structure and path ----

    /** At a value that must be an object or null: -1 for null (consumed), else the object's path depth. */
    private int openObject() {
        Kind k = r.peek();
        if (k == Kind.NULL) {
            r.nullValue();
            return -1;
        }
        if (k != Kind.OBJECT) {
            throw mismatch("an object", k);
        }
        r.beginObject();
        return depth;
    }

    /** At a value that must be an array or null: -1 for null (consumed), else the array's path depth. */
    private int openArray() {
        Kind k = r.peek();
        if (k == Kind.NULL) {
            r.nullValue();
            return -1;
        }
        if (k != Kind.ARRAY) {
            throw mismatch("an array", k);
        }
        r.beginArray();
        return depth;
    }

    /** The object's next key (now the last path segment), or null at its end (path back to the object's). */
    private String nextKey(int mark) {
        boolean first = depth == mark;
        depth = mark;
        String key = r.nextKey(first);
        if (key != null) {
            push(key);
        }
        return key;
    }

    /** True when the array at depth {@code mark} has element {@code index} (now the last path segment). */
    private boolean nextElement(int mark, int index) {
        depth = mark;
        if (!r.nextElement(index == 0)) {
            return false;
        }
        push(index);
        return true;
    }

    private void push(Object segment) {
        if (depth == path.length) {
            path = java.util.Arrays.copyOf(path, depth * 2);
        }
        path[depth++] = segment;
    }

    private void skip() {
        r.peek();
        r.skipValue();
    }

    // ---- scalars ----

    private String string() {
        Kind k = r.peek();
        if (k == Kind.STRING) {
            return r.stringValue();
        }
        if (k == Kind.NULL) {
            r.nullValue();
            return null;
        }
        throw mismatch("a string", k);
    }

    private Boolean bool() {
        Kind k = r.peek();
        if (k == Kind.BOOLEAN) {
            return r.booleanValue();
        }
        if (k == Kind.NULL) {
            r.nullValue();
            return null;
        }
        throw mismatch("a boolean", k);
    }

    private Integer int32() {
        String text = integerText();
        if (text == null) {
            return null;
        }
        long v = parseLong(text, "a 32-bit integer");
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw outOfRange(text, "a 32-bit integer");
        }
        return (int) v;
    }

    private Long int64() {
        String text = integerText();
        return text == null ? null : parseLong(text, "a 64-bit integer");
    }

    /** A uint64 held in a long with Go's bit pattern: 18446744073709551615 is -1L. */
    private Long uint64() {
        String text = integerText();
        if (text == null) {
            return null;
        }
        if (text.length() <= 18) { // fits a long: only the sign can be wrong
            long v = Long.parseLong(text);
            if (v < 0) {
                throw typeError("expected an unsigned 64-bit integer, got " + text);
            }
            return v;
        }
        BigInteger v = new BigInteger(text);
        if (v.signum() < 0 || v.compareTo(UINT64_LIMIT) >= 0) {
            throw typeError("expected an unsigned 64-bit integer, got " + text);
        }
        return v.longValue();
    }

    /** The text of an integer (null for JSON null); a fraction or exponent is not an integer, as for jackson. */
    private String integerText() {
        Kind k = r.peek();
        if (k == Kind.NULL) {
            r.nullValue();
            return null;
        }
        if (k != Kind.NUMBER) {
            throw mismatch("a number", k);
        }
        String text = r.numberText();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                throw typeError("expected an integer, got " + text);
            }
        }
        return text;
    }

    private long parseLong(String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw outOfRange(text, what);
        }
    }

    // ---- errors ----

    private ConfigException outOfRange(String text, String what) {
        return typeError("number " + text + " is out of range for " + what);
    }

    /** The value peek() found is of the wrong kind; consumes a string to quote it, as jackson's messages did. */
    private ConfigException mismatch(String expected, Kind k) {
        int line = r.valueLine();
        int column = r.valueColumn();
        String got = switch (k) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> '"' + r.stringValue() + '"';
            case NUMBER -> r.numberText();
            case BOOLEAN -> String.valueOf(r.booleanValue());
            case NULL -> "null";
            case END -> "nothing";
        };
        return error("expected " + expected + ", got " + got, line, column);
    }

    /** A wrong value just read: the position is where peek() found it. */
    private ConfigException typeError(String what) {
        return error(what, r.valueLine(), r.valueColumn());
    }

    private ConfigException error(String what, int line, int column) {
        String detail = what + " (line " + line + ", column " + column + ")";
        String p = pathString();
        return new ConfigException(source + ": " + (p == null ? "" : p + ": ") + detail, p, detail, null);
    }

    private ConfigException syntax(JsonSyntaxException e) {
        String p = pathString();
        String detail = "malformed JSON: " + e.reason() + " (line " + e.line() + ", column " + e.column() + ")";
        return new ConfigException(source + ": " + (p == null ? "" : p + ": ") + detail, p, detail, e);
    }

    private String pathString() {
        if (depth == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (path[i] instanceof String key) {
                appendKey(b, key);
            } else {
                b.append('[').append(path[i]).append(']');
            }
        }
        return b.toString();
    }

    /** Map keys such as annotation names contain dots, so they are quoted to keep the path unambiguous. */
    static void appendKey(StringBuilder b, String key) {
        if (plain(key)) {
            if (!b.isEmpty()) {
                b.append('.');
            }
            b.append(key);
        } else {
            b.append("[\"").append(key.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
        }
    }

    /** [A-Za-z_][A-Za-z0-9_]*, without loading java.util.regex. */
    private static boolean plain(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
