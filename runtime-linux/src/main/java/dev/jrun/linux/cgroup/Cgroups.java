package dev.jrun.linux.cgroup;

import dev.jrun.linux.cgroup.v1.V1Cgroups;
import dev.jrun.linux.cgroup.v2.V2Cgroups;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Picks the manager for a container, or rebuilds it from its record. */
public final class Cgroups {
    private Cgroups() {}

    /** A manager for a new container (nothing created yet): v2 on a unified host, v1 otherwise. */
    public static CgroupManager forNewContainer(CgroupHost host, String cgroupsPath, String id) {
        Map<String, Path> dirs = CgroupPaths.resolve(host, cgroupsPath, id);
        if (host.unified()) {
            return new V2Cgroups(host.hierarchies().get("").mountPoint(), dirs.get(""), List.of());
        }
        return new V1Cgroups(dirs, List.of());
    }

    /** The manager a container's record describes. */
    public static CgroupManager open(CgroupRecord record) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : record.dirs().entrySet()) {
            dirs.put(e.getKey(), Path.of(e.getValue()));
        }
        List<Path> created = new ArrayList<>();
        for (String c : record.created()) {
            created.add(Path.of(c));
        }
        if ("v2".equals(record.version())) {
            return new V2Cgroups(Path.of(CgroupHost.CGROUP_ROOT), dirs.get(""), created);
        }
        return new V1Cgroups(dirs, created);
    }
}
