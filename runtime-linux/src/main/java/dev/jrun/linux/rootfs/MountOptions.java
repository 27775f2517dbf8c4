package dev.jrun.linux.rootfs;

import static dev.jrun.linux.rootfs.MountFlags.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An OCI mount's {@code options}, decoded as runc 1.1.5 decodes them (libcontainer/specconv parseMountOptions):
 * each option is looked up in the flag table, then the propagation table, then the recursive-attribute table, then
 * the extension table; anything else is filesystem data, joined with ",". Later options override earlier ones
 * ("ro,rw" is read-write). Table entries whose flag is 0 ("defaults", and "" for propagation) fall through to data,
 * exactly as in runc.
 *
 * @param flags mount(2) flags for the mount call
 * @param propagation propagation changes in option order, each a separate mount(2) call after the mount
 * @param recursiveSet mount_setattr attr_set for the recursive attributes ("rro", "rnosuid", ...)
 * @param recursiveClear mount_setattr attr_clr
 * @param data filesystem data ("size=65536k,mode=755"), empty if none
 * @param tmpcopyup the "tmpcopyup" extension (copy the destination's contents into a new tmpfs)
 */
public record MountOptions(
        long flags, List<Long> propagation, long recursiveSet, long recursiveClear, String data, boolean tmpcopyup) {

    public MountOptions {
        propagation = List.copyOf(propagation);
    }

    /** One table entry: {@code clear} means the option removes the bit instead of setting it. */
    private record Bit(boolean clear, long flag) {}

    private static final Map<String, Bit> FLAGS = Map.ofEntries(
            Map.entry("acl", new Bit(false, MS_POSIXACL)),
            Map.entry("async", new Bit(true, MS_SYNCHRONOUS)),
            Map.entry("atime", new Bit(true, MS_NOATIME)),
            Map.entry("bind", new Bit(false, MS_BIND)),
            Map.entry("defaults", new Bit(false, 0)),
            Map.entry("dev", new Bit(true, MS_NODEV)),
            Map.entry("diratime", new Bit(true, MS_NODIRATIME)),
            Map.entry("dirsync", new Bit(false, MS_DIRSYNC)),
            Map.entry("exec", new Bit(true, MS_NOEXEC)),
            Map.entry("iversion", new Bit(false, MS_I_VERSION)),
            Map.entry("lazytime", new Bit(false, MS_LAZYTIME)),
            Map.entry("loud", new Bit(true, MS_SILENT)),
            Map.entry("mand", new Bit(false, MS_MANDLOCK)),
            Map.entry("noacl", new Bit(true, MS_POSIXACL)),
            Map.entry("noatime", new Bit(false, MS_NOATIME)),
            Map.entry("nodev", new Bit(false, MS_NODEV)),
            Map.entry("nodiratime", new Bit(false, MS_NODIRATIME)),
            Map.entry("noexec", new Bit(false, MS_NOEXEC)),
            Map.entry("noiversion", new Bit(true, MS_I_VERSION)),
            Map.entry("nolazytime", new Bit(true, MS_LAZYTIME)),
            Map.entry("nomand", new Bit(true, MS_MANDLOCK)),
            Map.entry("norelatime", new Bit(true, MS_RELATIME)),
            Map.entry("nostrictatime", new Bit(true, MS_STRICTATIME)),
            Map.entry("nosuid", new Bit(false, MS_NOSUID)),
            Map.entry("nosymfollow", new Bit(false, MS_NOSYMFOLLOW)),
            Map.entry("rbind", new Bit(false, MS_BIND | MS_REC)),
            Map.entry("relatime", new Bit(false, MS_RELATIME)),
            Map.entry("remount", new Bit(false, MS_REMOUNT)),
            Map.entry("ro", new Bit(false, MS_RDONLY)),
            Map.entry("rw", new Bit(true, MS_RDONLY)),
            Map.entry("silent", new Bit(false, MS_SILENT)),
            Map.entry("strictatime", new Bit(false, MS_STRICTATIME)),
            Map.entry("suid", new Bit(true, MS_NOSUID)),
            Map.entry("sync", new Bit(false, MS_SYNCHRONOUS)),
            Map.entry("symfollow", new Bit(true, MS_NOSYMFOLLOW)));

    /** Propagation option to its mount(2) flags; runc also maps "" to 0, which then counts as data. */
    public static final Map<String, Long> PROPAGATION = Map.of(
            "rprivate", MS_PRIVATE | MS_REC,
            "private", MS_PRIVATE,
            "rslave", MS_SLAVE | MS_REC,
            "slave", MS_SLAVE,
            "rshared", MS_SHARED | MS_REC,
            "shared", MS_SHARED,
            "runbindable", MS_UNBINDABLE | MS_REC,
            "unbindable", MS_UNBINDABLE);

    private static final Map<String, Bit> RECURSIVE = Map.ofEntries(
            Map.entry("rro", new Bit(false, MOUNT_ATTR_RDONLY)),
            Map.entry("rrw", new Bit(true, MOUNT_ATTR_RDONLY)),
            Map.entry("rnosuid", new Bit(false, MOUNT_ATTR_NOSUID)),
            Map.entry("rsuid", new Bit(true, MOUNT_ATTR_NOSUID)),
            Map.entry("rnodev", new Bit(false, MOUNT_ATTR_NODEV)),
            Map.entry("rdev", new Bit(true, MOUNT_ATTR_NODEV)),
            Map.entry("rnoexec", new Bit(false, MOUNT_ATTR_NOEXEC)),
            Map.entry("rexec", new Bit(true, MOUNT_ATTR_NOEXEC)),
            Map.entry("rnodiratime", new Bit(false, MOUNT_ATTR_NODIRATIME)),
            Map.entry("rdiratime", new Bit(true, MOUNT_ATTR_NODIRATIME)),
            Map.entry("rrelatime", new Bit(false, MOUNT_ATTR_RELATIME)),
            Map.entry("rnorelatime", new Bit(true, MOUNT_ATTR_RELATIME)),
            Map.entry("rnoatime", new Bit(false, MOUNT_ATTR_NOATIME)),
            Map.entry("ratime", new Bit(true, MOUNT_ATTR_NOATIME)),
            Map.entry("rstrictatime", new Bit(false, MOUNT_ATTR_STRICTATIME)),
            Map.entry("rnostrictatime", new Bit(true, MOUNT_ATTR_STRICTATIME)),
            Map.entry("rnosymfollow", new Bit(false, MOUNT_ATTR_NOSYMFOLLOW)),
            Map.entry("rsymfollow", new Bit(true, MOUNT_ATTR_NOSYMFOLLOW)));

    /** Decodes {@code options} (null means none). */
    public static MountOptions parse(List<String> options) {
        long flags = 0;
        long set = 0;
        long clear = 0;
        boolean copyup = false;
        List<Long> propagation = new ArrayList<>();
        List<String> data = new ArrayList<>();
        for (String o : options == null ? List.<String>of() : options) {
            Bit flag = FLAGS.get(o);
            Long prop = PROPAGATION.get(o);
            Bit rec = RECURSIVE.get(o);
            if (flag != null && flag.flag() != 0) {
                flags = flag.clear() ? flags & ~flag.flag() : flags | flag.flag();
            } else if (prop != null) {
                propagation.add(prop);
            } else if (rec != null) {
                if (rec.clear()) {
                    clear |= rec.flag();
                } else {
                    set |= rec.flag();
                    // mount_setattr(2): an atime mode in attr_set needs MOUNT_ATTR__ATIME in attr_clr. runc's test is
                    // "flag & __ATIME == flag", which relatime (0) also passes.
                    if ((rec.flag() & MOUNT_ATTR__ATIME) == rec.flag()) {
                        clear |= MOUNT_ATTR__ATIME;
                    }
                }
            } else if (o.equals("tmpcopyup")) {
                copyup = true;
            } else {
                data.add(o);
            }
        }
        return new MountOptions(flags, propagation, set, clear, String.join(",", data), copyup);
    }

    /** The recursive attributes apply (mount_setattr with AT_RECURSIVE). */
    public boolean hasRecursiveAttributes() {
        return recursiveSet != 0 || recursiveClear != 0;
    }

    /** A bind mount ("bind" or "rbind"): runc then ignores the mount's type. */
    public boolean isBind() {
        return (flags & MS_BIND) != 0;
    }

    /** Every option string this parser knows (all else is data), sorted: for {@code jrun features}. */
    public static List<String> known() {
        TreeSet<String> all = new TreeSet<>(FLAGS.keySet());
        all.addAll(PROPAGATION.keySet());
        all.addAll(RECURSIVE.keySet());
        all.add("tmpcopyup");
        return List.copyOf(all);
    }
}
