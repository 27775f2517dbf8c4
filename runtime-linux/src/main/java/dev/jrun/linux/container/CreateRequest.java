package dev.jrun.linux.container;

import dev.jrun.core.spec.LinuxResources;
import dev.jrun.core.spec.Spec;
import dev.jrun.linux.cgroup.CgroupManager;
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
 * @param cgroups the container's cgroup, already created (its directories exist), or null for none: the launcher
 *     moves the child in at SYNC, before it runs anything of the config, and applies {@code resources} at LIMITS
 * @param resources what to write into the cgroup, device rules complete (see {@code DeviceRules}); may be null
 */
public record CreateRequest(String id, Path bundle, Spec spec, Path stateDir, boolean noPivot, int preserveFds,
        CgroupManager cgroups, LinuxResources resources) {

    /** A container without a cgroup of its own (launcher tests). */
    public CreateRequest(String id, Path bundle, Spec spec, Path stateDir, boolean noPivot, int preserveFds) {
        this(id, bundle, spec, stateDir, noPivot, preserveFds, null, null);
    }
}
