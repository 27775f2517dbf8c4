package dev.jrun.linux.plan;

import java.util.Arrays;
import java.util.List;

/**
 * The laid-out data a plan points into: every string, argv/envp array, struct and buffer the child needs, as one
 * byte image plus the pointer slots to relocate once the image is copied to its native address. The child must not
 * allocate, so everything it reads or writes exists here before the clone.
 *
 * <p>The image length is a multiple of 8 (so it can be copied and patched a word at a time).
 */
public final class Arena {
    private final byte[] image;
    private final List<Relocation> relocations;

    Arena(byte[] image, List<Relocation> relocations) {
        if (image.length % 8 != 0) {
            throw new IllegalArgumentException("arena image length " + image.length + " is not a multiple of 8");
        }
        for (Relocation r : relocations) {
            if (r.at() + 8 > image.length || r.target() >= image.length) {
                throw new IllegalArgumentException("relocation " + r + " outside an arena of " + image.length + " bytes");
            }
        }
        this.image = image.clone();
        this.relocations = List.copyOf(relocations);
    }

    /** A copy of the image, relocation sites holding their target offsets. */
    public byte[] image() {
        return image.clone();
    }

    public int size() {
        return image.length;
    }

    public List<Relocation> relocations() {
        return relocations;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Arena other && Arrays.equals(image, other.image) && relocations.equals(other.relocations);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(image) + relocations.hashCode();
    }

    @Override
    public String toString() {
        return "Arena[" + image.length + " bytes, " + relocations.size() + " relocations]";
    }
}
