package dev.jrun.cli;

import dev.jrun.core.JrunException;
import dev.jrun.core.state.ContainerIds;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What {@code jrun run ARG} runs. Beyond runc, ARG may be a bundle: when it contains "/" (or is ".") and names a
 * directory holding config.json, the container's id is that directory's name, made unique among the containers in
 * the store (name, name-2, name-3, ...). Otherwise ARG is the id and the bundle is --bundle or the working
 * directory, as in runc.
 *
 * @param id the container id (checked)
 * @param bundle the bundle directory as given (relative to the working directory when not absolute)
 */
record RunTarget(String id, Path bundle) {
    static RunTarget resolve(String arg, String bundleFlag, Path stateRoot) {
        if (looksLikeBundle(arg)) {
            if (bundleFlag != null && !bundleFlag.isEmpty()) {
                throw new JrunException("\"" + arg + "\" is a bundle directory and --bundle is " + bundleFlag
                        + ": give the bundle once (jrun run --bundle DIR ID, or jrun run DIR/)");
            }
            Path dir = Path.of(arg);
            Path name = dir.toAbsolutePath().normalize().getFileName();
            if (name == null) {
                throw new JrunException("cannot name a container after " + arg + ": give an id (jrun run --bundle "
                        + arg + " ID)");
            }
            String base = name.toString();
            ContainerIds.check(base);
            return new RunTarget(unique(base, stateRoot), dir);
        }
        ContainerIds.check(arg);
        return new RunTarget(arg, Path.of(bundleFlag == null || bundleFlag.isEmpty() ? "." : bundleFlag));
    }

    static boolean looksLikeBundle(String arg) {
        return (arg.contains("/") || arg.equals(".")) && Files.isRegularFile(Path.of(arg).resolve("config.json"));
    }

    /** The first of base, base-2, base-3, ... that no container in the store holds yet. */
    private static String unique(String base, Path stateRoot) {
        String candidate = base;
        for (int n = 2; Files.exists(stateRoot.resolve(candidate), LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = base + "-" + n;
        }
        ContainerIds.check(candidate);
        return candidate;
    }
}
