package dev.jrun.core.features;

import dev.jrun.core.json.GoJsonWriter;
import java.util.List;
import java.util.Map;

/**
 * Renders runtime-spec features.md JSON from {@link Implemented}, in the layout {@code runc features} prints
 * (4-space indent). Every boolean is written explicitly: an engine reading "enabled": false knows the feature is
 * absent, while an omitted field would mean "unknown".
 */
public final class FeaturesJson {
    private FeaturesJson() {
    }

    public static String render(Map<String, String> annotations) {
        GoJsonWriter g = GoJsonWriter.indented("    ");
        g.beginObject();
        g.field("ociVersionMin", Implemented.OCI_VERSION_MIN);
        g.field("ociVersionMax", Implemented.OCI_VERSION_MAX);
        strings(g, "hooks", Implemented.HOOKS);
        strings(g, "mountOptions", Implemented.MOUNT_OPTIONS);
        g.name("linux").beginObject();
        strings(g, "namespaces", Implemented.NAMESPACES);
        strings(g, "capabilities", Implemented.CAPABILITIES);
        g.name("cgroup").beginObject();
        g.name("v1").value(Implemented.CGROUP_V1);
        g.name("v2").value(Implemented.CGROUP_V2);
        g.name("systemd").value(Implemented.CGROUP_SYSTEMD);
        g.name("systemdUser").value(Implemented.CGROUP_SYSTEMD_USER);
        g.name("rdma").value(Implemented.CGROUP_RDMA);
        g.endObject();
        g.name("seccomp").beginObject();
        g.name("enabled").value(Implemented.SECCOMP);
        strings(g, "actions", Implemented.SECCOMP_ACTIONS);
        strings(g, "operators", Implemented.SECCOMP_OPERATORS);
        strings(g, "archs", Implemented.SECCOMP_ARCHS);
        strings(g, "knownFlags", Implemented.SECCOMP_KNOWN_FLAGS);
        strings(g, "supportedFlags", Implemented.SECCOMP_SUPPORTED_FLAGS);
        g.endObject();
        enabled(g, "apparmor", Implemented.APPARMOR);
        enabled(g, "selinux", Implemented.SELINUX);
        enabled(g, "intelRdt", Implemented.INTEL_RDT);
        g.name("mountExtensions").beginObject();
        enabled(g, "idmap", Implemented.IDMAP_MOUNTS);
        g.endObject();
        g.endObject();
        g.name("annotations").beginObject();
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            g.field(e.getKey(), e.getValue());
        }
        g.endObject();
        g.endObject();
        return g.toString();
    }

    private static void strings(GoJsonWriter g, String name, List<String> values) {
        g.name(name).beginArray();
        for (String v : values) {
            g.value(v);
        }
        g.endArray();
    }

    private static void enabled(GoJsonWriter g, String name, boolean value) {
        g.name(name).beginObject();
        g.name("enabled").value(value);
        g.endObject();
    }
}
