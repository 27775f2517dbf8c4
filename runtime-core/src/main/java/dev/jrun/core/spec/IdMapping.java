package dev.jrun.core.spec;

/** A uid or gid range mapping; the ids are uint32 in the spec, hence long. */
public record IdMapping(Long containerID, Long hostID, Long size) {
}
