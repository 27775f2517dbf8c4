package dev.jrun.core.spec;

/** The container's root filesystem; {@code path} is relative to the bundle unless absolute. */
public record Root(String path, Boolean readonly) {
}
