package dev.jrun.core.validation;

import static dev.jrun.core.validation.Problems.at;
import static dev.jrun.core.validation.Problems.key;
import static dev.jrun.core.validation.Problems.orEmpty;
import static dev.jrun.core.validation.Problems.quote;

import dev.jrun.core.spec.IdMapping;
import dev.jrun.core.spec.Linux;
import dev.jrun.core.spec.LinuxResources;
import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.Uint64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks {@code linux}, including the cross-field namespace rules of runc's libcontainer/configs/validate. */
final class LinuxValidator {
    static final List<String> NAMESPACES = List.of("pid", "network", "mount", "ipc", "uts", "user", "cgroup", "time");
    static final List<String> DEVICE_TYPES = List.of("c", "b", "u", "p");
    static final List<String> DEVICE_RULE_TYPES = List.of("a", "c", "b");
    static final List<String> PROPAGATIONS = List.of("shared", "slave", "private", "unbindable", "rshared",
            "rslave", "rprivate", "runbindable");
    static final List<String> PERSONALITY_DOMAINS = List.of("LINUX", "LINUX32");
    static final List<String> TIME_CLOCKS = List.of("monotonic", "boottime");
    static final List<String> MEMORY_POLICY_MODES = List.of("MPOL_DEFAULT", "MPOL_BIND", "MPOL_INTERLEAVE",
            "MPOL_WEIGHTED_INTERLEAVE", "MPOL_PREFERRED", "MPOL_PREFERRED_MANY", "MPOL_LOCAL");

    /** The sysctls that live in the IPC namespace, besides fs.mqueue.*; the same list as runc. */
    private static final Set<String> IPC_SYSCTLS = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni",
            "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

    private static final long ID_SPACE = 0x1_0000_0000L;

    private final Problems problems;

    LinuxValidator(Problems problems) {
        this.problems = problems;
    }

    void validate(Spec spec) {
        Linux linux = spec.linux() == null
                ? new Linux(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null)
                : spec.linux();
        Map<String, Integer> namespaces = namespaces(orEmpty(linux.namespaces()));
        mappings("linux.uidMappings", linux.uidMappings(), namespaces);
        mappings("linux.gidMappings", linux.gidMappings(), namespaces);
        if (spec.hostname() != null && !spec.hostname().isEmpty() && !namespaces.containsKey("uts")) {
            problems.add("hostname", quote(spec.hostname()) + " cannot be set without a new uts namespace "
                    + "(add {\"type\": \"uts\"} to linux.namespaces)");
        }
        if (spec.domainname() != null && !spec.domainname().isEmpty() && !namespaces.containsKey("uts")) {
            problems.add("domainname", quote(spec.domainname()) + " cannot be set without a new uts namespace "
                    + "(add {\"type\": \"uts\"} to linux.namespaces)");
        }
        timeOffsets(linux.timeOffsets(), namespaces);
        sysctl(linux.sysctl(), namespaces);
        devices(orEmpty(linux.devices()));
        if (linux.resources() != null) {
            resources(linux.resources());
        }
        cgroupsPath(linux.cgroupsPath());
        problems.oneOf("linux.rootfsPropagation", emptyToNull(linux.rootfsPropagation()), "a mount propagation",
                PROPAGATIONS);
        paths("linux.maskedPaths", orEmpty(linux.maskedPaths()));
        paths("linux.readonlyPaths", orEmpty(linux.readonlyPaths()));
        if (linux.seccomp() != null) {
            new SeccompValidator(problems).validate(linux.seccomp());
        }
        if (linux.personality() != null) {
            problems.required("linux.personality.domain", linux.personality().domain());
            problems.oneOf("linux.personality.domain", linux.personality().domain(), "a personality domain",
                    PERSONALITY_DOMAINS);
        }
        if (linux.memoryPolicy() != null) {
            problems.required("linux.memoryPolicy.mode", linux.memoryPolicy().mode());
            problems.oneOf("linux.memoryPolicy.mode", linux.memoryPolicy().mode(), "a memory policy mode",
                    MEMORY_POLICY_MODES);
        }
    }

    /** Returns the index of each known namespace type. */
    private Map<String, Integer> namespaces(List<Linux.Namespace> list) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = at("linux.namespaces", i);
            Linux.Namespace ns = list.get(i);
            if (ns == null || ns.type() == null) {
                problems.add(path + ".type", "is required (one of " + String.join(", ", NAMESPACES) + ")");
                continue;
            }
            if (!NAMESPACES.contains(ns.type())) {
                problems.oneOf(path + ".type", ns.type(), "a namespace type", NAMESPACES);
                continue;
            }
            Integer first = seen.putIfAbsent(ns.type(), i);
            if (first != null) {
                problems.add(path, "duplicate " + quote(ns.type()) + " namespace (already at "
                        + at("linux.namespaces", first) + ")");
            }
            problems.absolute(path + ".path", emptyToNull(ns.path()));
        }
        return seen;
    }

    private void mappings(String path, List<IdMapping> list, Map<String, Integer> namespaces) {
        if (list == null || list.isEmpty()) {
            return;
        }
        if (!namespaces.containsKey("user")) {
            problems.add(path, "id mappings need a new user namespace (add {\"type\": \"user\"} to linux.namespaces)");
        }
        for (int i = 0; i < list.size(); i++) {
            String p = at(path, i);
            IdMapping m = list.get(i);
            if (m == null) {
                problems.add(p, "must be an object, not null");
                continue;
            }
            problems.required(p + ".containerID", m.containerID());
            problems.required(p + ".hostID", m.hostID());
            problems.required(p + ".size", m.size());
            problems.uint32(p + ".containerID", m.containerID());
            problems.uint32(p + ".hostID", m.hostID());
            if (m.size() != null && m.size() <= 0) {
                problems.add(p + ".size", "must be greater than 0, got " + m.size());
                continue;
            }
            if (m.size() == null) {
                continue;
            }
            if (m.containerID() != null && m.containerID() >= 0 && m.containerID() + m.size() > ID_SPACE) {
                problems.add(p, "containerID " + m.containerID() + " + size " + m.size()
                        + " overflows the 32-bit id space");
            } else if (m.hostID() != null && m.hostID() >= 0 && m.hostID() + m.size() > ID_SPACE) {
                problems.add(p, "hostID " + m.hostID() + " + size " + m.size() + " overflows the 32-bit id space");
            }
        }
    }

    private void timeOffsets(Map<String, Linux.TimeOffset> offsets, Map<String, Integer> namespaces) {
        if (offsets == null || offsets.isEmpty()) {
            return;
        }
        if (!namespaces.containsKey("time")) {
            problems.add("linux.timeOffsets",
                    "time offsets need a new time namespace (add {\"type\": \"time\"} to linux.namespaces)");
        }
        for (String clock : offsets.keySet()) {
            problems.oneOf(key("linux.timeOffsets", clock), clock, "a clock with a time namespace offset",
                    TIME_CLOCKS);
        }
    }

    private void sysctl(Map<String, String> sysctl, Map<String, Integer> namespaces) {
        if (sysctl == null) {
            return;
        }
        for (String name : sysctl.keySet()) {
            String path = key("linux.sysctl", name);
            String needed = namespaceOf(name);
            if (needed == null) {
                problems.add(path, quote(name) + " is not in a separate kernel namespace, so it would change the "
                        + "host (allowed: net.*, fs.mqueue.*, kernel.hostname, kernel.domainname, "
                        + String.join(", ", IPC_SYSCTLS.stream().sorted().toList()) + ")");
            } else if (!namespaces.containsKey(needed)) {
                problems.add(path, quote(name) + " needs a new " + needed + " namespace (add {\"type\": \""
                        + needed + "\"} to linux.namespaces)");
            }
        }
    }

    private static String namespaceOf(String sysctl) {
        if (sysctl.startsWith("net.")) {
            return "network";
        }
        if (sysctl.startsWith("fs.mqueue.") || IPC_SYSCTLS.contains(sysctl)) {
            return "ipc";
        }
        if (sysctl.equals("kernel.hostname") || sysctl.equals("kernel.domainname")) {
            return "uts";
        }
        return null;
    }

    private void devices(List<Linux.Device> devices) {
        for (int i = 0; i < devices.size(); i++) {
            String path = at("linux.devices", i);
            Linux.Device d = devices.get(i);
            if (d == null) {
                problems.add(path, "must be an object, not null");
                continue;
            }
            problems.required(path + ".path", d.path());
            problems.absolute(path + ".path", emptyToNull(d.path()));
            if (d.type() == null) {
                problems.add(path + ".type", "is required (one of " + String.join(", ", DEVICE_TYPES) + ")");
                continue;
            }
            problems.oneOf(path + ".type", d.type(), "a device type", DEVICE_TYPES);
            // Fifos have no device number (runtime-spec: major/minor REQUIRED unless type is p), so any given is ignored.
            if (List.of("c", "b", "u").contains(d.type())) {
                if (d.major() == null) {
                    problems.add(path + ".major", "is required for a " + quote(d.type()) + " device");
                }
                if (d.minor() == null) {
                    problems.add(path + ".minor", "is required for a " + quote(d.type()) + " device");
                }
            }
            problems.uint32(path + ".uid", d.uid());
            problems.uint32(path + ".gid", d.gid());
        }
    }

    private void resources(LinuxResources r) {
        List<LinuxResources.DeviceRule> rules = orEmpty(r.devices());
        for (int i = 0; i < rules.size(); i++) {
            String path = at("linux.resources.devices", i);
            LinuxResources.DeviceRule rule = rules.get(i);
            if (rule == null) {
                problems.add(path, "must be an object, not null");
                continue;
            }
            if (rule.allow() == null) {
                problems.add(path + ".allow", "is required (true or false)");
            }
            problems.oneOf(path + ".type", rule.type(), "a device rule type", DEVICE_RULE_TYPES);
            String access = rule.access();
            if (access != null && !access.chars().allMatch(c -> c == 'r' || c == 'w' || c == 'm')) {
                problems.add(path + ".access", quote(access) + " may only contain r, w and m");
            }
        }
        Long swappiness = r.memory() == null ? null : r.memory().swappiness();
        if (swappiness != null && Long.compareUnsigned(swappiness, 100) > 0) {
            problems.add("linux.resources.memory.swappiness", Uint64.toString(swappiness)
                    + " is out of range (0 to 100)");
        }
        if (r.cpu() != null) {
            problems.range("linux.resources.cpu.idle", r.cpu().idle(), 0, 1);
        }
        if (r.blockIO() != null) {
            problems.range("linux.resources.blockIO.weight", r.blockIO().weight(), 10, 1000);
            problems.range("linux.resources.blockIO.leafWeight", r.blockIO().leafWeight(), 10, 1000);
        }
    }

    private void cgroupsPath(String path) {
        if (path == null || path.isEmpty()) {
            return;
        }
        String p = "linux.cgroupsPath";
        if (path.contains(":")) {
            String[] parts = path.split(":", -1);
            if (parts.length != 3) {
                problems.add(p, quote(path) + " has " + parts.length + " colon-separated parts; the systemd form is "
                        + "\"slice:prefix:name\" (exactly 3)");
            } else if (parts[0].contains("/") || parts[2].isEmpty()) {
                problems.add(p, quote(path) + " is not of the systemd form \"slice:prefix:name\" (slice without /, "
                        + "non-empty name)");
            }
        }
        dotDot(path);
    }

    private void dotDot(String path) {
        for (String component : path.split("[/:]")) {
            if (component.equals("..")) {
                problems.add("linux.cgroupsPath", quote(path) + " contains a \"..\" component; use \"/a/b\", "
                        + "\"a/b\" or \"slice:prefix:name\" without \"..\"");
                return;
            }
        }
    }

    private void paths(String path, List<String> list) {
        for (int i = 0; i < list.size(); i++) {
            problems.required(at(path, i), list.get(i));
            problems.absolute(at(path, i), emptyToNull(list.get(i)));
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
