package dev.jrun.core.state;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What jrun remembers about one container between invocations.
 *
 * @param initStartTime jrun-internal: field 22 of /proc/&lt;pid&gt;/stat of the init process when it was created, so a
 *                      recycled pid is not mistaken for our container; 0 when unknown
 */
public record ContainerState(
        String ociVersion,
        String id,
        int pid,
        ContainerStatus status,
        String bundle,
        String rootfs,
        Instant created,
        Map<String, String> annotations,
        String owner,
        long initStartTime) {

    public ContainerState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public ContainerState withStatus(ContainerStatus newStatus) {
        return new ContainerState(ociVersion, id, pid, newStatus, bundle, rootfs, created, annotations, owner,
                initStartTime);
    }
}
