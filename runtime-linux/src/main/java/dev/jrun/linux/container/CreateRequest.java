package dev.jrun.linux.container;

import dev.jrun.core.spec.Spec;
import java.nio.file.Path;

/**
 * What {@link ContainerLauncher#create} needs.
 *
 * @param id the container id (already checked)
 * @param bundle absolute bundle directory
 * @param spec the validated config of that bundle
 * @param stateDir the container's state directory (already created); exec.fifo is made there
 * @param noPivot {@code --no-pivot}
 * @param preserveFds {@code --preserve-fds N}
 */
public record CreateRequest(String id, Path bundle, Spec spec, Path stateDir, boolean noPivot, int preserveFds) {
}
