package dev.jrun.core.state;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What jrun remembers about one container between invocations. {@code annotations} may be given as null and
 * then reads as empty; every other field is required (use "" for runc's empty owner).
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
        // Everything but annotations is required: state.json must never hold a null that reads back as corrupt.
        Objects.requireNonNull(ociVersion, "ociVersion");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(rootfs, "rootfs");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(owner, "owner");
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public ContainerState withStatus(ContainerStatus newStatus) {
        return new ContainerState(ociVersion, id, pid, newStatus, bundle, rootfs, created, annotations, owner,
                initStartTime);
    }

    public ContainerState withOwner(String newOwner) {
        return new ContainerState(ociVersion, id, pid, status, bundle, rootfs, created, annotations, newOwner,
                initStartTime);
    }
}
