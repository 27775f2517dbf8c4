package dev.jrun.core.validation;

import dev.jrun.core.JrunException;
import dev.jrun.core.features.Implemented;
import dev.jrun.core.json.JsonSyntaxException;
import dev.jrun.core.json.MiniJsonReader;
import dev.jrun.core.spec.Linux;
import dev.jrun.core.spec.Mount;
import dev.jrun.core.spec.Process;
import dev.jrun.core.spec.Seccomp;
import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses every config field jrun cannot enforce yet, so that no container ever runs with less isolation (or other
 * behaviour) than its config asks for. A valid config may still be refused here; each refusal names the JSON path
 * and what to do. Remove a rule in the change that makes its feature work (and {@code Implemented} says so).
 */
public final class SupportCheck {
    /** Sections for other platforms; the model drops them on read, so they are seen in the raw top-level keys. */
    private static final List<String> OTHER_PLATFORMS = List.of("solaris", "windows", "vm", "zos");

    private SupportCheck() {
    }

    /**
     * Checks the bundle's config (already loaded and validated, with the top-level keys the binder saw); throws
     * {@link Unsupported} listing every field jrun cannot honour. Reads nothing.
     */
    public static void check(Path bundleDir, SpecBinder.Bound config) {
        Path configJson = bundleDir.resolve("config.json");
        List<Problem> problems = problems(config.spec(), config.topLevelKeys());
        if (!problems.isEmpty()) {
            throw new Unsupported(configJson, problems);
        }
    }

    /**
     * Like {@link #check(Path, SpecBinder.Bound)} for a caller that kept only the spec: reads config.json once more
     * for its top-level keys.
     */
    public static void check(Path bundleDir, Spec spec) {
        List<Problem> problems = problems(bundleDir, spec);
        if (!problems.isEmpty()) {
            throw new Unsupported(bundleDir.resolve("config.json"), problems);
        }
    }

    /** As {@link #check}, returning the problems (empty: create can run it). */
    public static List<Problem> problems(Path bundleDir, Spec spec) {
        return problems(spec, topLevelKeys(bundleDir.resolve("config.json")));
    }

    /** Every unsupported field of {@code spec}; {@code topLevelKeys} are the raw config's keys. Empty: supported. */
    public static List<Problem> problems(Spec spec, Collection<String> topLevelKeys) {
        List<Problem> out = new ArrayList<>();
        for (String platform : OTHER_PLATFORMS) {
            if (topLevelKeys.contains(platform)) {
                out.add(new Problem(platform, "jrun runs Linux containers only; remove the \"" + platform
                        + "\" section"));
            }
        }
        if (spec.process() == null) {
            out.add(new Problem("process", "a container needs a process to run: add the \"process\" section (runc: "
                    + "process property must not be empty)"));
        }
        checkProcess(spec.process(), out);
        checkMounts(spec.mounts(), out);
        checkLinux(spec.linux(), out);
        checkNamespaceSettings(spec.linux(), out);
        return List.copyOf(out);
    }

    private static void checkProcess(Process p, List<Problem> out) {
        if (p == null) {
            return;
        }
        if (Boolean.TRUE.equals(p.terminal())) {
            out.add(new Problem("process.terminal", "terminals are not supported yet (they come with the console"
                    + " work); set it to false and give the container jrun's stdio"));
        }
        present(out, "process.apparmorProfile", p.apparmorProfile(),
                "AppArmor is not supported yet; remove it (jrun would run the process unconfined)");
        present(out, "process.selinuxLabel", p.selinuxLabel(),
                "SELinux labels are not supported yet; remove it (jrun would run the process unlabelled)");
        present(out, "process.scheduler", p.scheduler(), "scheduling policies are not supported yet; remove it");
        present(out, "process.ioPriority", p.ioPriority(), "I/O priorities are not supported yet; remove it");
        present(out, "process.execCPUAffinity", p.execCPUAffinity(),
                "CPU affinity is not supported yet; remove it");
    }

    private static void checkMounts(List<Mount> mounts, List<Problem> out) {
        if (mounts == null) {
            return;
        }
        for (int i = 0; i < mounts.size(); i++) {
            Mount m = mounts.get(i);
            if (m == null) {
                continue;
            }
            String at = "mounts[" + i + "]";
            present(out, at + ".uidMappings", m.uidMappings(), "idmapped mounts are not supported yet; remove it");
            present(out, at + ".gidMappings", m.gidMappings(), "idmapped mounts are not supported yet; remove it");
        }
    }

    /** Settings that only mean something with a namespace the config creates (runc refuses them otherwise). */
    private static void checkNamespaceSettings(Linux l, List<Problem> out) {
        List<Linux.Namespace> namespaces = l == null || l.namespaces() == null ? List.of() : l.namespaces();
        boolean newUser = false;
        boolean newTime = false;
        for (Linux.Namespace ns : namespaces) {
            boolean created = ns.path() == null || ns.path().isEmpty();
            newUser |= created && "user".equals(ns.type());
            newTime |= created && "time".equals(ns.type());
        }
        if (newUser && (l.uidMappings() == null || l.uidMappings().isEmpty())) {
            out.add(new Problem("linux.uidMappings", "a new user namespace needs uid mappings (containerID, hostID,"
                    + " size); runc: user namespaces enabled, but no uid mappings found"));
        }
        if (newUser && (l.gidMappings() == null || l.gidMappings().isEmpty())) {
            out.add(new Problem("linux.gidMappings", "a new user namespace needs gid mappings (containerID, hostID,"
                    + " size); runc: user namespaces enabled, but no gid mappings found"));
        }
        if (l != null && l.timeOffsets() != null && !l.timeOffsets().isEmpty() && !newTime) {
            out.add(new Problem("linux.timeOffsets", "offsets apply only to a time namespace the container creates:"
                    + " add {\"type\": \"time\"} without a path to linux.namespaces, or remove them"));
        }
    }

    private static void checkLinux(Linux l, List<Problem> out) {
        if (l == null) {
            return;
        }
        checkSeccomp(l.seccomp(), out);
        present(out, "linux.intelRdt", l.intelRdt(), "Intel RDT is not supported yet; remove it");
        present(out, "linux.personality", l.personality(), "personality(2) domains are not supported yet; remove it");
        present(out, "linux.memoryPolicy", l.memoryPolicy(), "NUMA memory policies are not supported yet; remove it");
        present(out, "linux.netDevices", l.netDevices(), "moving network devices is not supported yet; remove it");
        present(out, "linux.mountLabel", l.mountLabel(), "SELinux mount labels are not supported yet; remove it");
    }

    /** The filter is enforced; notify listeners are not yet (the listener would never get its fd). */
    private static void checkSeccomp(Seccomp s, List<Problem> out) {
        if (s == null) {
            return;
        }
        String later = "seccomp notify listeners are not supported yet; use another action (runc would hand the"
                + " listener fd to listenerPath)";
        if ("SCMP_ACT_NOTIFY".equals(s.defaultAction())) {
            out.add(new Problem("linux.seccomp.defaultAction", later));
        }
        present(out, "linux.seccomp.listenerPath", s.listenerPath(), later);
        List<Seccomp.Syscall> calls = s.syscalls() == null ? List.of() : s.syscalls();
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i) != null && "SCMP_ACT_NOTIFY".equals(calls.get(i).action())) {
                out.add(new Problem("linux.seccomp.syscalls[" + i + "].action", later));
            }
        }
        List<String> flags = s.flags() == null ? List.of() : s.flags();
        for (int i = 0; i < flags.size(); i++) {
            if (!Implemented.SECCOMP_SUPPORTED_FLAGS.contains(flags.get(i))) {
                out.add(new Problem("linux.seccomp.flags[" + i + "]", flags.get(i) + " needs a newer libseccomp than"
                        + " this host's; supported: " + String.join(", ", Implemented.SECCOMP_SUPPORTED_FLAGS)));
            }
        }
    }

    /** Absent, "" and empty collections ask for nothing, as in runc. */
    private static void present(List<Problem> out, String path, Object value, String message) {
        boolean asked = switch (value) {
            case null -> false;
            case String s -> !s.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> true;
        };
        if (asked) {
            out.add(new Problem(path, message));
        }
    }

    private static Set<String> topLevelKeys(Path configJson) {
        try {
            Object root = MiniJsonReader.parse(Files.readAllBytes(configJson));
            Set<String> keys = new java.util.HashSet<>();
            if (root instanceof Map<?, ?> map) {
                for (Object k : map.keySet()) {
                    keys.add((String) k);
                }
            }
            return keys;
        } catch (IOException | JsonSyntaxException e) {
            // The config was read and validated a moment ago; a failure here is a race with someone editing it.
            throw new JrunException("cannot read " + configJson + " again: " + e.getMessage(), e);
        }
    }

    /** A valid config asking for what jrun cannot do yet. Rendered like {@link ValidationException}. */
    public static final class Unsupported extends JrunException {
        private final List<Problem> problems;

        public Unsupported(Path configJson, List<Problem> problems) {
            super(message(configJson, problems));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }

        private static String message(Path configJson, List<Problem> problems) {
            StringBuilder b = new StringBuilder("unsupported configuration in ").append(configJson)
                    .append(": jrun cannot enforce ").append(problems.size())
                    .append(problems.size() == 1 ? " field" : " fields").append(" yet, and never runs a container with"
                            + " less than its config asks for:");
            for (Problem p : problems) {
                b.append("\n  ").append(p);
            }
            return b.toString();
        }
    }
}
