package dev.jrun.core.features;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jrun.core.json.GoIndent;
import dev.jrun.core.json.GoJsonEscapes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.setPrettyPrinter(GoIndent.with("    "));
            g.setCharacterEscapes(GoJsonEscapes.INSTANCE);
            g.writeStartObject();
            g.writeStringField("ociVersionMin", Implemented.OCI_VERSION_MIN);
            g.writeStringField("ociVersionMax", Implemented.OCI_VERSION_MAX);
            strings(g, "hooks", Implemented.HOOKS);
            strings(g, "mountOptions", Implemented.MOUNT_OPTIONS);
            g.writeObjectFieldStart("linux");
            strings(g, "namespaces", Implemented.NAMESPACES);
            strings(g, "capabilities", Implemented.CAPABILITIES);
            g.writeObjectFieldStart("cgroup");
            g.writeBooleanField("v1", Implemented.CGROUP_V1);
            g.writeBooleanField("v2", Implemented.CGROUP_V2);
            g.writeBooleanField("systemd", Implemented.CGROUP_SYSTEMD);
            g.writeBooleanField("systemdUser", Implemented.CGROUP_SYSTEMD_USER);
            g.writeBooleanField("rdma", Implemented.CGROUP_RDMA);
            g.writeEndObject();
            enabled(g, "seccomp", Implemented.SECCOMP);
            enabled(g, "apparmor", Implemented.APPARMOR);
            enabled(g, "selinux", Implemented.SELINUX);
            enabled(g, "intelRdt", Implemented.INTEL_RDT);
            g.writeObjectFieldStart("mountExtensions");
            enabled(g, "idmap", Implemented.IDMAP_MOUNTS);
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("annotations");
            for (Map.Entry<String, String> e : annotations.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void enabled(JsonGenerator g, String name, boolean value) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeBooleanField("enabled", value);
        g.writeEndObject();
    }
}
