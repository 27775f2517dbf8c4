package dev.jrun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a containers-common seccomp profile (podman's, with archMap and per-rule includes/excludes) into the OCI
 * linux.seccomp object podman would hand the runtime on x86_64 for a container with the given bounding
 * capabilities: the archMap entry for SCMP_ARCH_X86_64 plus its subArchitectures; a rule kept only when all its
 * included caps are present, its included arches name amd64, its minKernel is at most the running kernel, and none
 * of its excluded caps or arches apply; includes, excludes, comment and the errno names dropped.
 */
final class PodmanSeccomp {
    /** Where containers-common (Debian: golang-github-containers-common) installs podman's default profile. */
    static final Path DEFAULT_PROFILE = Path.of("/usr/share/containers/seccomp.json");

    /** libseccomp's name for the native arch, which the profile's includes/excludes arches use. */
    private static final String NATIVE_ARCH = "amd64";
    private static final String NATIVE_SCMP_ARCH = "SCMP_ARCH_X86_64";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PodmanSeccomp() {
    }

    /** A kernel release's major.minor, the precision the profile's minKernel uses ("4.8"). */
    record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {
        private static final Pattern LEADING = Pattern.compile("^(\\d+)\\.(\\d+)");

        static KernelVersion parse(String release) {
            Matcher m = LEADING.matcher(release.strip());
            if (!m.find()) {
                throw new IllegalArgumentException("kernel version '" + release + "' does not start with major.minor");
            }
            return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }

        /** The running kernel (the JVM reads uname's release into os.version). */
        static KernelVersion running() {
            return parse(System.getProperty("os.version"));
        }

        @Override
        public int compareTo(KernelVersion o) {
            return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
        }
    }

    static JsonNode readProfile(Path file) throws IOException {
        return JSON.readTree(Files.readString(file));
    }

    static ObjectNode forX86_64(JsonNode profile, Collection<String> capabilities) {
        return forX86_64(profile, capabilities, KernelVersion.running());
    }

    static ObjectNode forX86_64(JsonNode profile, Collection<String> capabilities, KernelVersion kernel) {
        Set<String> caps = Set.copyOf(capabilities);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        copyIfPresent(profile, out, "defaultAction");
        copyIfPresent(profile, out, "defaultErrnoRet");
        ArrayNode arches = architectures(profile);
        if (!arches.isEmpty()) {
            out.set("architectures", arches);
        }
        ArrayNode syscalls = out.putArray("syscalls");
        JsonNode rules = profile.path("syscalls");
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            if (applies(rule, caps, kernel, "syscalls[" + i + "]")) {
                syscalls.add(converted(rule, "syscalls[" + i + "]"));
            }
        }
        return out;
    }

    private static ArrayNode architectures(JsonNode profile) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        boolean listed = profile.path("architectures").size() > 0;
        boolean mapped = profile.path("archMap").size() > 0;
        if (listed && mapped) {
            // podman refuses this too: which of the two would win is not defined.
            throw new IllegalArgumentException("seccomp profile has both architectures and archMap: use one");
        }
        if (listed) {
            profile.get("architectures").forEach(out::add);
        }
        for (JsonNode entry : profile.path("archMap")) {
            if (NATIVE_SCMP_ARCH.equals(entry.path("architecture").asText())) {
                out.add(NATIVE_SCMP_ARCH);
                entry.path("subArchitectures").forEach(out::add);
                break;
            }
        }
        return out;
    }

    private static boolean applies(JsonNode rule, Set<String> caps, KernelVersion kernel, String where) {
        JsonNode excludes = rule.path("excludes");
        if (strings(excludes.path("arches")).contains(NATIVE_ARCH)) {
            return false;
        }
        if (strings(excludes.path("caps")).stream().anyMatch(caps::contains)) {
            return false;
        }
        if (excludes.hasNonNull("minKernel") && kernel.compareTo(minKernel(excludes, where + ".excludes")) >= 0) {
            return false;
        }
        JsonNode includes = rule.path("includes");
        List<String> includedArches = strings(includes.path("arches"));
        if (!includedArches.isEmpty() && !includedArches.contains(NATIVE_ARCH)) {
            return false;
        }
        if (!caps.containsAll(strings(includes.path("caps")))) {
            return false;
        }
        return !includes.hasNonNull("minKernel") || kernel.compareTo(minKernel(includes, where + ".includes")) >= 0;
    }

    private static KernelVersion minKernel(JsonNode node, String where) {
        try {
            return KernelVersion.parse(node.get("minKernel").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".minKernel: " + e.getMessage(), e);
        }
    }

    private static ObjectNode converted(JsonNode rule, String where) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        boolean single = rule.hasNonNull("name") && !rule.path("name").asText().isEmpty();
        if (single && rule.path("names").size() > 0) {
            throw new IllegalArgumentException(where + ": has both name and names: use one");
        }
        ArrayNode names = out.putArray("names");
        if (single) {
            names.add(rule.get("name").asText());
        } else {
            rule.path("names").forEach(names::add);
        }
        copyIfPresent(rule, out, "action");
        copyIfPresent(rule, out, "errnoRet");
        if (rule.path("args").size() > 0) {
            out.set("args", rule.get("args").deepCopy());
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String field) {
        if (from.hasNonNull(field)) {
            to.set(field, from.get(field).deepCopy());
        }
    }
}
