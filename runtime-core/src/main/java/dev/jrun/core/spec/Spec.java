package dev.jrun.core.spec;

import java.util.List;
import java.util.Map;

/**
 * The root of an OCI runtime-spec 1.2 config.json. Fields are boxed and nullable so that an absent
 * property stays absent when the file is written back; solaris, windows and vm are not modelled
 * (jrun only runs Linux containers) and are dropped on read.
 */
public record Spec(
        String ociVersion,
        Process process,
        Root root,
        String hostname,
        String domainname,
        List<Mount> mounts,
        Hooks hooks,
        Map<String, String> annotations,
        Linux linux) {
}
