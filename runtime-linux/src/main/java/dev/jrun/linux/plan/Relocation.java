package dev.jrun.linux.plan;

/**
 * An 8-byte pointer inside the arena: the word at offset {@code at} must point at offset {@code target}. The image
 * holds {@code target} there, so relocating an arena loaded at {@code base} is adding {@code base} to that word.
 */
public record Relocation(int at, int target) {
    public Relocation {
        if (at < 0 || target < 0) {
            throw new IllegalArgumentException("negative relocation " + at + " -> " + target);
        }
        if (at % 8 != 0) {
            throw new IllegalArgumentException("pointer slot at " + at + " is not 8-byte aligned");
        }
    }
}
