package dev.jrun.linux.container;

import dev.jrun.core.spec.Linux;
import dev.jrun.core.spec.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The namespaces a config asks for, as clone/unshare flags and setns joins.
 *
 * <p>Two shapes (DESIGN.md section 1). When nothing is joined and there is no time namespace, one clone creates
 * every namespace at once ({@link #singleClone}). Otherwise, as runc's nsexec does, the first child joins the given
 * paths (the user namespace first: it grants the rights to join the others), unshares the new ones, and clones
 * again so that the container's init lands inside the new or joined pid and time namespaces.
 */
public record Namespaces(long newFlags, List<Join> joins) {
    public static final long CLONE_NEWTIME = 0x80;
    public static final long CLONE_NEWNS = 0x20000;
    public static final long CLONE_NEWCGROUP = 0x02000000;
    public static final long CLONE_NEWUTS = 0x04000000;
    public static final long CLONE_NEWIPC = 0x08000000;
    public static final long CLONE_NEWUSER = 0x10000000;
    public static final long CLONE_NEWPID = 0x20000000;
    public static final long CLONE_NEWNET = 0x40000000;

    /** setns into {@code path}, a namespace of {@code type} ({@code flag}, the CLONE_NEW* for setns's nstype). */
    public record Join(String type, long flag, String path) {}

    /** runtime-spec namespace type to clone flag; the validator has already refused unknown types. */
    private static final Map<String, Long> FLAGS = Map.of(
            "pid", CLONE_NEWPID, "network", CLONE_NEWNET, "mount", CLONE_NEWNS, "ipc", CLONE_NEWIPC,
            "uts", CLONE_NEWUTS, "user", CLONE_NEWUSER, "cgroup", CLONE_NEWCGROUP, "time", CLONE_NEWTIME);

    public Namespaces {
        joins = List.copyOf(joins);
    }

    public static Namespaces of(Spec spec) {
        Linux linux = spec.linux();
        long flags = 0;
        List<Join> joins = new ArrayList<>();
        List<Linux.Namespace> list = linux == null || linux.namespaces() == null ? List.of() : linux.namespaces();
        for (Linux.Namespace ns : list) {
            long flag = FLAGS.get(ns.type());
            if (ns.path() == null || ns.path().isEmpty()) {
                flags |= flag;
            } else if (flag == CLONE_NEWUSER) {
                joins.addFirst(new Join(ns.type(), flag, ns.path()));
            } else {
                joins.add(new Join(ns.type(), flag, ns.path()));
            }
        }
        return new Namespaces(flags, joins);
    }

    public boolean has(long flag) {
        return (newFlags & flag) != 0 || joined(flag);
    }

    public boolean creates(long flag) {
        return (newFlags & flag) != 0;
    }

    public boolean joined(long flag) {
        for (Join j : joins) {
            if (j.flag() == flag) {
                return true;
            }
        }
        return false;
    }

    /** One clone with every flag is enough: nothing to join first, and no time namespace (clone cannot make one). */
    public boolean singleClone() {
        return joins.isEmpty() && !creates(CLONE_NEWTIME);
    }
}
