package dev.jrun.core.spec;

import java.util.List;

/** One entry of {@code mounts}; the id mappings request an idmapped mount (runtime-spec 1.2). */
public record Mount(
        String destination,
        String type,
        String source,
        List<String> options,
        List<IdMapping> uidMappings,
        List<IdMapping> gidMappings) {
}
