package dev.jrun.linux.rootfs;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;
import static dev.jrun.linux.rootfs.MountFlags.MS_BIND;

import dev.jrun.core.JrunException;
import dev.jrun.core.spec.Linux;
import dev.jrun.linux.plan.Arg;
import dev.jrun.linux.plan.Condition;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.Label;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.SyscallNumbers;
import java.util.ArrayList;
import java.util.List;

/** /dev as runc sets it up when /dev is not bind-mounted from the host: device nodes, then the ptmx and fd links. */
public final class DeviceNodes {
    private static final long AT_SYMLINK_NOFOLLOW = 0x100;
    private static final long S_IFREG = 0100000;
    private static final long S_IFCHR = 0020000;
    private static final long S_IFBLK = 0060000;
    private static final long S_IFIFO = 0010000;

    private DeviceNodes() {}

    /** A device node to create: runc's AllowedDevices with a path, then linux.devices. */
    private record DeviceNode(String path, long type, long major, long minor, long mode, long uid, long gid) {}

    private static final List<DeviceNode> DEFAULT_DEVICES = List.of(
            new DeviceNode("/dev/null", S_IFCHR, 1, 3, 0666, 0, 0),
            new DeviceNode("/dev/random", S_IFCHR, 1, 8, 0666, 0, 0),
            new DeviceNode("/dev/full", S_IFCHR, 1, 7, 0666, 0, 0),
            new DeviceNode("/dev/tty", S_IFCHR, 5, 0, 0666, 0, 0),
            new DeviceNode("/dev/zero", S_IFCHR, 1, 5, 0666, 0, 0),
            new DeviceNode("/dev/urandom", S_IFCHR, 1, 9, 0666, 0, 0));

    /**
     * Emits the device nodes (umask 0 meanwhile, then the old mask back): runc's defaults unless linux.devices has
     * the same path, then linux.devices; mknod, or with {@code bindFromHost} (a user namespace) a bind mount of the
     * host's node onto an empty file, as also where mknod is refused.
     */
    public static void emitNodes(PlanBuilder b, InRootPaths paths, List<Linux.Device> devices, boolean bindFromHost) {
        List<DeviceNode> nodes = new ArrayList<>();
        List<Linux.Device> specDevices = devices == null ? List.of() : devices;
        for (DeviceNode d : DEFAULT_DEVICES) {
            boolean overridden = false;
            for (Linux.Device sd : specDevices) {
                overridden |= d.path().equals(sd.path());
            }
            if (!overridden) {
                nodes.add(d);
            }
        }
        for (Linux.Device d : specDevices) {
            long type = switch (d.type() == null ? "" : d.type()) {
                case "c", "u" -> S_IFCHR;
                case "b" -> S_IFBLK;
                case "p" -> S_IFIFO;
                default -> throw new JrunException("invalid device type \"" + d.type() + "\" for " + d.path());
            };
            long mode = d.fileMode() == null ? 0666 : d.fileMode() & 07777;
            nodes.add(new DeviceNode(d.path(), type, d.major() == null ? 0 : d.major(),
                    d.minor() == null ? 0 : d.minor(), mode, d.uid() == null ? 0 : d.uid(),
                    d.gid() == null ? 0 : d.gid()));
        }
        Arg.Reg oldMask = b.register();
        b.sys("set umask 0 for device nodes", SyscallNumbers.UMASK, imm(0)).into(oldMask);
        for (DeviceNode d : nodes) {
            String path = ContainerPath.clean(d.path());
            if (path.equals("/dev/ptmx")) {
                continue; // runc: /dev/ptmx is the pts/ptmx symlink
            }
            emitNode(b, paths, d, path, bindFromHost);
        }
        b.sys("restore the umask", SyscallNumbers.UMASK, oldMask);
    }

    private static void emitNode(PlanBuilder b, InRootPaths paths, DeviceNode d, String path, boolean bindFromHost) {
        List<String> parts = ContainerPath.components(path);
        String parentPath = ContainerPath.clean(String.join("/", parts.subList(0, parts.size() - 1)));
        Arg.Reg dir = paths.mkdirAll(parentPath);
        int name = b.arena().string(parts.getLast());
        Label next = b.label("device " + path + " done");
        Label bind = b.label("bind device " + path);
        if (!bindFromHost) {
            Arg.Reg r = b.register();
            b.sys("create device " + path + " (" + d.major() + ":" + d.minor() + ")", SyscallNumbers.MKNODAT, dir,
                    addr(name), imm(d.type() | d.mode()), imm(makedev(d.major(), d.minor())))
                    .into(r).expecting(Errno.EEXIST, Errno.EPERM);
            b.jumpIf("device " + path + " exists", r, Condition.EQ, Errno.EEXIST.negative(), next);
            b.jumpIf("not allowed to create " + path + ": bind it from the host", r, Condition.EQ,
                    Errno.EPERM.negative(), bind);
            Arg.Reg c = b.register();
            b.sys("chown device " + path + " to " + d.uid() + ":" + d.gid(), SyscallNumbers.FCHOWNAT, dir, addr(name),
                    imm(d.uid()), imm(d.gid()), imm(AT_SYMLINK_NOFOLLOW)).into(c);
            b.jumpIf("device " + path + " created", c, Condition.EQ, 0, next);
        }
        // In a user namespace (or where mknod is refused) runc bind-mounts the host's node onto an empty file.
        b.bind(bind);
        b.sys("create file " + path + " for the device bind mount", SyscallNumbers.MKNODAT, dir, addr(name),
                imm(S_IFREG | 0666), imm(0)).expecting(Errno.EEXIST);
        int target = paths.target(path, 0);
        b.sys("bind mount device " + d.path() + " on " + path, SyscallNumbers.MOUNT, addr(b.arena().string(d.path())),
                addr(target), imm(0), imm(MS_BIND), imm(0));
        b.bind(next);
        paths.closeIfNotRoot(dir, parentPath);
    }

    /** glibc's makedev. */
    public static long makedev(long major, long minor) {
        return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
    }

    /** Emits /dev/ptmx -> pts/ptmx and the /dev/fd, stdin, stdout, stderr (and core, if the host has kcore) links. */
    public static void emitLinks(PlanBuilder b, InRootPaths paths, boolean hasKcore) {
        Arg.Reg dev = paths.mkdirAll("/dev");
        int ptmx = b.arena().string("ptmx");
        b.sys("remove /dev/ptmx", SyscallNumbers.UNLINKAT, dev, addr(ptmx), imm(0)).expecting(Errno.ENOENT);
        b.sys("link /dev/ptmx to pts/ptmx", SyscallNumbers.SYMLINKAT, addr(b.arena().string("pts/ptmx")), dev,
                addr(ptmx));
        List<String[]> links = new ArrayList<>(List.of(
                new String[] {"/proc/self/fd", "fd"},
                new String[] {"/proc/self/fd/0", "stdin"},
                new String[] {"/proc/self/fd/1", "stdout"},
                new String[] {"/proc/self/fd/2", "stderr"}));
        if (hasKcore) {
            links.add(new String[] {"/proc/kcore", "core"});
        }
        for (String[] link : links) {
            b.sys("link /dev/" + link[1] + " to " + link[0], SyscallNumbers.SYMLINKAT, addr(b.arena().string(link[0])),
                    dev, addr(b.arena().string(link[1]))).expecting(Errno.EEXIST);
        }
        paths.closeIfNotRoot(dev, "/dev");
    }
}
