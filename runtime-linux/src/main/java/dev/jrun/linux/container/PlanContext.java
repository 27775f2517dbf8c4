package dev.jrun.linux.container;

import dev.jrun.core.spec.Spec;
import java.nio.file.Path;

/**
 * What every part of a container plan needs to know, fixed before the plan is compiled.
 *
 * @param spec the validated config
 * @param bundle absolute bundle directory
 * @param rootfs absolute host path of {@code root.path} (resolved against the bundle)
 * @param noPivot {@code --no-pivot}: MS_MOVE + chroot instead of pivot_root
 * @param userNamespace the container gets a user namespace (new or joined): device nodes are bind-mounted, not
 *     created, and remounts must keep locked flags
 * @param preserveFds {@code --preserve-fds N}: fds 3 .. 3+N-1 stay open across execve
 */
public record PlanContext(Spec spec, Path bundle, Path rootfs, boolean noPivot, boolean userNamespace, int preserveFds) {
}
