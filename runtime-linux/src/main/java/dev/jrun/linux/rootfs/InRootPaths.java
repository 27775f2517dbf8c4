package dev.jrun.linux.rootfs;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;

import dev.jrun.linux.plan.Arg;
import dev.jrun.linux.plan.Errno;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.SyscallNumbers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits ops that find and create paths inside the rootfs without ever leaving it: one O_PATH fd on the rootfs, and
 * every lookup an openat2(2) relative to it with RESOLVE_IN_ROOT, so a symlink (absolute or full of "..") resolves
 * as if the rootfs were "/". A resolved target is dup3'ed onto {@link #SCRATCH_FD}, so a mount call can name it with
 * the constant path {@link #SCRATCH_PATH}: mounting on a /proc/self/fd magic link mounts on exactly the object the
 * fd holds, whatever happens to the path meanwhile (runc's WithProcfd, done with openat2 instead of securejoin).
 *
 * <p>Missing directories are created one component at a time: mkdirat on the parent's fd (EEXIST is fine, and a
 * symlink in the last component is never followed by mkdirat), then openat2 of the new prefix, which follows any
 * symlink there inside the root.
 */
public final class InRootPaths {
    /**
     * The fd number a mount target is dup3'ed onto. High enough to be clear of the fds a clone of the JVM holds and
     * of --preserve-fds, and under the usual 1024 soft limit so dup3 cannot fail with EBADF.
     */
    public static final int SCRATCH_FD = 1000;

    /** How mount(2) names the current target. */
    public static final String SCRATCH_PATH = "/proc/self/fd/" + SCRATCH_FD;

    static final long AT_FDCWD = -100;
    static final long O_RDONLY = 0;
    static final long O_DIRECTORY = 0200000;
    static final long O_NOFOLLOW = 0400000;
    static final long O_CLOEXEC = 02000000;
    static final long O_PATH = 010000000;
    static final long RESOLVE_NO_MAGICLINKS = 0x02;
    static final long RESOLVE_IN_ROOT = 0x10;
    static final long S_IFREG = 0100000;

    private final PlanBuilder b;
    private final Arg.Reg root;
    private final String rootfs;
    private final Map<Long, Integer> howCache = new HashMap<>();
    private int scratchPath = -1;

    private InRootPaths(PlanBuilder b, Arg.Reg root, String rootfs) {
        this.b = b;
        this.root = root;
        this.rootfs = rootfs;
    }

    /** Emits the open of the rootfs (an O_PATH directory fd, kept in a register) and returns the emitter. */
    public static InRootPaths open(PlanBuilder b, String rootfsHostPath) {
        Arg.Reg fd = b.register();
        int path = b.arena().string(rootfsHostPath);
        b.sys("open the rootfs " + rootfsHostPath, SyscallNumbers.OPENAT, imm(AT_FDCWD), addr(path),
                imm(O_PATH | O_DIRECTORY | O_CLOEXEC)).into(fd);
        return new InRootPaths(b, fd, rootfsHostPath);
    }

    /** The register holding the rootfs fd. */
    public Arg.Reg rootFd() {
        return root;
    }

    /** Arena offset of {@link #SCRATCH_PATH}. */
    public int scratchPath() {
        if (scratchPath < 0) {
            scratchPath = b.arena().string(SCRATCH_PATH);
        }
        return scratchPath;
    }

    /**
     * Emits: create every missing directory of {@code path} (mode 0755 before umask, as runc's MkdirAll), ending
     * with the last component's fd on {@link #SCRATCH_FD}. Returns the arena offset of the scratch path.
     */
    public int mkdirAllAsTarget(String path) {
        return mkdirAllAsTarget(path, 0);
    }

    /**
     * As {@link #mkdirAllAsTarget(String)}, but the target is opened once more with {@code lastFlags} added (for
     * instance O_NOFOLLOW|O_DIRECTORY: procfs and sysfs go only on a real directory, never through a symlink).
     */
    public int mkdirAllAsTarget(String path, long lastFlags) {
        String clean = ContainerPath.clean(path);
        List<String> parts = ContainerPath.components(clean);
        if (lastFlags != 0 && !parts.isEmpty()) {
            Arg.Reg parent = mkdirAll(ContainerPath.clean(String.join("/", parts.subList(0, parts.size() - 1))));
            int name = b.arena().string(parts.getLast());
            b.sys("create directory " + clean + " in the rootfs", SyscallNumbers.MKDIRAT, parent, addr(name),
                    imm(0755)).expecting(Errno.EEXIST);
            closeIfNotRoot(parent, "the parent of " + clean);
            return target(clean, lastFlags);
        }
        Arg.Reg dir = mkdirAll(clean);
        if (dir == root) {
            b.sys("put the rootfs on fd " + SCRATCH_FD, SyscallNumbers.DUP3, root, imm(SCRATCH_FD), imm(O_CLOEXEC));
        } else {
            toScratch(dir, clean);
        }
        return scratchPath();
    }

    /**
     * Emits: create the parents of {@code path} and, if missing, {@code path} itself as an empty regular file
     * ({@code mode} before umask), ending with it on {@link #SCRATCH_FD}. An existing entry of any kind is kept.
     */
    public int createFileAsTarget(String path, int mode) {
        String clean = ContainerPath.clean(path);
        List<String> parts = ContainerPath.components(clean);
        if (parts.isEmpty()) {
            return mkdirAllAsTarget("/");
        }
        String parent = ContainerPath.clean(String.join("/", parts.subList(0, parts.size() - 1)));
        Arg.Reg dir = mkdirAll(parent);
        int name = b.arena().string(parts.getLast());
        b.sys("create file " + clean + " in the rootfs", SyscallNumbers.MKNODAT, dir, addr(name), imm(S_IFREG | mode),
                imm(0)).expecting(Errno.EEXIST);
        closeIfNotRoot(dir, parent);
        return target(clean, 0);
    }

    /**
     * Emits: create the missing directories of {@code path} and return a register with an O_PATH fd on it (the
     * rootfs register itself for "/"; {@link #closeIfNotRoot} knows not to close that one).
     */
    public Arg.Reg mkdirAll(String path) {
        List<String> parts = ContainerPath.components(path);
        if (parts.isEmpty()) {
            return root;
        }
        Arg.Reg dir = root;
        for (int i = 0; i < parts.size(); i++) {
            String prefix = "/" + String.join("/", parts.subList(0, i + 1));
            int name = b.arena().string(parts.get(i));
            b.sys("create directory " + prefix + " in the rootfs", SyscallNumbers.MKDIRAT, dir, addr(name), imm(0755))
                    .expecting(Errno.EEXIST);
            Arg.Reg next = resolve(prefix, O_PATH | O_DIRECTORY | O_CLOEXEC);
            closeIfNotRoot(dir, i == 0 ? "/" : "/" + String.join("/", parts.subList(0, i)));
            dir = next;
        }
        return dir;
    }

    /** Emits the close of a directory fd from {@link #mkdirAll}, unless it is the rootfs fd. */
    public void closeIfNotRoot(Arg.Reg dir, String what) {
        if (dir != root) {
            b.sys("close " + what + " in the rootfs", SyscallNumbers.CLOSE, dir);
        }
    }

    /**
     * Emits: resolve the existing {@code path} inside the rootfs (extra open flags such as O_DIRECTORY|O_NOFOLLOW)
     * and put it on {@link #SCRATCH_FD}. Returns the arena offset of the scratch path.
     */
    public int target(String path, long extraFlags) {
        String clean = ContainerPath.clean(path);
        Arg.Reg fd = resolve(clean, O_PATH | O_CLOEXEC | extraFlags);
        toScratch(fd, clean);
        return scratchPath();
    }

    /** Emits an openat2 of {@code path} relative to the rootfs fd with RESOLVE_IN_ROOT; returns its register. */
    public Arg.Reg resolve(String path, long flags) {
        String clean = ContainerPath.clean(path);
        Arg.Reg fd = b.register();
        int rel = b.arena().string(ContainerPath.relative(clean));
        b.sys("resolve " + clean + " in the rootfs " + rootfs, SyscallNumbers.OPENAT2, root, addr(rel),
                addr(openHow(flags)), imm(OPEN_HOW_SIZE)).into(fd);
        return fd;
    }

    /** Emits the close of the scratch fd and of the rootfs fd. */
    public void closeAll() {
        b.sys("close fd " + SCRATCH_FD, SyscallNumbers.CLOSE, imm(SCRATCH_FD)).expecting(Errno.EBADF);
        b.sys("close the rootfs " + rootfs, SyscallNumbers.CLOSE, root);
    }

    private void toScratch(Arg.Reg fd, String what) {
        b.sys("put " + what + " on fd " + SCRATCH_FD, SyscallNumbers.DUP3, fd, imm(SCRATCH_FD), imm(O_CLOEXEC));
        b.sys("close " + what + " in the rootfs", SyscallNumbers.CLOSE, fd);
    }

    /** struct open_how {u64 flags; u64 mode; u64 resolve;}. */
    static final int OPEN_HOW_SIZE = 24;

    private int openHow(long flags) {
        return howCache.computeIfAbsent(flags, f -> {
            ByteBuffer how = ByteBuffer.allocate(OPEN_HOW_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            how.putLong(f).putLong(0).putLong(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
            return b.arena().bytes(how.array(), 8);
        });
    }
}
