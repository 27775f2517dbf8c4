package dev.jrun.core.validation;

import static dev.jrun.core.validation.Problems.quote;

import dev.jrun.core.spec.ConfigException;
import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecBinder;
import dev.jrun.core.spec.SpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Validates a bundle directory: its config.json, and the parts of it that refer to the bundle's files. */
public final class BundleValidator {
    private BundleValidator() {
    }

    public static List<Problem> validate(Path bundleDir) {
        return check(bundleDir).problems;
    }

    /** Reads and validates the bundle's config, throwing ValidationException listing every problem. */
    public static Spec load(Path bundleDir) {
        return loadBound(bundleDir).spec();
    }

    /** Like {@link #load}, also giving config.json's top-level keys (for {@link SupportCheck#check(Path, SpecBinder.Bound)}). */
    public static SpecBinder.Bound loadBound(Path bundleDir) {
        Checked checked = check(bundleDir);
        if (!checked.problems.isEmpty()) {
            throw new ValidationException(bundleDir.resolve("config.json"), checked.problems);
        }
        return checked.bound;
    }

    private record Checked(SpecBinder.Bound bound, List<Problem> problems) {
    }

    private static Checked check(Path bundleDir) {
        SpecBinder.Bound bound;
        try {
            bound = SpecJson.readBound(bundleDir.resolve("config.json"));
        } catch (ConfigException e) {
            String path = e.jsonPath() == null ? "config.json" : e.jsonPath();
            return new Checked(null, List.of(new Problem(path, e.detail())));
        }
        Spec spec = bound.spec();
        List<Problem> problems = new ArrayList<>(SpecValidator.validate(spec));
        if (spec.root() != null && spec.root().path() != null && !spec.root().path().isEmpty()) {
            Path rootfs = bundleDir.resolve(spec.root().path()).normalize();
            if (!Files.exists(rootfs)) {
                problems.add(new Problem("root.path", quote(spec.root().path()) + " resolves to " + rootfs
                        + ", which does not exist"));
            } else if (!Files.isDirectory(rootfs)) {
                problems.add(new Problem("root.path", quote(spec.root().path()) + " resolves to " + rootfs
                        + ", which is not a directory"));
            }
        }
        return new Checked(bound, List.copyOf(problems));
    }
}
