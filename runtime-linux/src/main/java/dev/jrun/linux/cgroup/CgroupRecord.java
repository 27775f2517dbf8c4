package dev.jrun.linux.cgroup;

import java.util.List;
import java.util.Map;

/**
 * A container's cgroup as kept in its state directory ({@code cgroup.json}).
 *
 * @param version "v1" (a v1 or hybrid host) or "v2" (a unified host)
 * @param dirs absolute directories by hierarchy: for v1 the controller list of the mount ("memory", "cpu,cpuacct",
 *     "name=systemd"), and "" for the unified hierarchy (a hybrid host's, or the only one on v2)
 * @param created the directories jrun made, in the order it made them (parents first); destroy removes only these
 */
public record CgroupRecord(String version, Map<String, String> dirs, List<String> created) {
}
