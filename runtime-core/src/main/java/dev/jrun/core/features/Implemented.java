package dev.jrun.core.features;

import java.util.List;

/**
 * The single source of truth for what jrun really implements. {@code jrun features} renders it, and the support
 * check that {@code create} runs refuses any config that asks for something missing here, so that no container ever
 * runs with less isolation than its config asked for. Add to a list only in the change that makes the feature work
 * and tests it for real.
 */
public final class Implemented {
    private Implemented() {
    }

    /** Oldest config version jrun accepts. */
    public static final String OCI_VERSION_MIN = "1.0.0";
    /** Newest runtime-spec version jrun knows; also the ociVersion jrun writes. */
    public static final String OCI_VERSION_MAX = "1.2.1";

    /** Hook kinds that run. None yet: containers arrive with the lifecycle issue. */
    public static final List<String> HOOKS = List.of();
    /** Mount options jrun applies. */
    public static final List<String> MOUNT_OPTIONS = List.of();
    /** Namespace types jrun can create or join (runc's order in `runc features`). */
    public static final List<String> NAMESPACES = List.of("cgroup", "ipc", "mount", "network", "pid", "time", "user",
            "uts");
    /** Capability names jrun can set. */
    public static final List<String> CAPABILITIES = List.of();

    public static final boolean CGROUP_V1 = false;
    public static final boolean CGROUP_V2 = false;
    public static final boolean CGROUP_SYSTEMD = false;
    public static final boolean CGROUP_SYSTEMD_USER = false;
    public static final boolean CGROUP_RDMA = false;
    public static final boolean SECCOMP = false;
    public static final boolean APPARMOR = false;
    public static final boolean SELINUX = false;
    public static final boolean INTEL_RDT = false;
    public static final boolean IDMAP_MOUNTS = false;
}
