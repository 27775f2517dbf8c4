package dev.jrun.linux.cgroup.devices;

import dev.jrun.core.spec.LinuxResources;
import dev.jrun.linux.cgroup.CgroupException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The effect of an OCI device rule list, reduced the way runc 1.1.5 reduces it (its devices emulator) before it
 * builds the BPF program: the rules are applied in order as cgroup v1's devices.allow/devices.deny would apply them.
 *
 * <p>A rule of type "a" (or no type) resets everything: an allow-all switches to "default allow, no exceptions", a
 * deny-all to "default deny, no exceptions" — whatever its major, minor or access say, exactly as runc. Any other
 * rule either adds its access to the exception for its (type, major, minor) — when it goes against the default — or
 * removes its access from that exception. Removing access that a wildcard exception of the same type still grants
 * ("punching a hole", e.g. allow c *:* rwm then deny c 1:3 r) is refused, as runc refuses it, because cgroup v1
 * would silently ignore it. With no rules at all the default is deny.
 *
 * @param defaultAllow what happens to an access no exception matches
 * @param exceptions the exceptions, each going against the default, in runc's order (major, minor, type; wildcards first)
 */
public record DeviceRuleset(boolean defaultAllow, List<Exemption> exceptions) {
    public static final int ACC_MKNOD = 1;
    public static final int ACC_READ = 2;
    public static final int ACC_WRITE = 4;
    public static final int ACC_ALL = ACC_MKNOD | ACC_READ | ACC_WRITE;
    public static final int TYPE_BLOCK = 1;
    public static final int TYPE_CHAR = 2;
    /** Major or minor that matches any number. */
    public static final long ANY = -1;

    /** One exception to the default (named so as not to shadow java.lang.Exception): {@code type} is {@link #TYPE_BLOCK} or {@link #TYPE_CHAR}. */
    public record Exemption(int type, long major, long minor, int access) {
        public boolean matches(int deviceType, long deviceMajor, long deviceMinor, int requested) {
            return type == deviceType
                    && (major == ANY || major == deviceMajor)
                    && (minor == ANY || minor == deviceMinor)
                    && (requested & access) == requested;
        }
    }

    private record Key(int type, long major, long minor) {}

    private static final Comparator<Key> RUNC_ORDER = Comparator.comparingLong(Key::major)
            .thenComparingLong(Key::minor)
            .thenComparingInt(k -> k.type() == TYPE_BLOCK ? 0 : 1);

    public DeviceRuleset {
        exceptions = List.copyOf(exceptions);
    }

    /** Whether the reduced rules let {@code requested} (ACC_* bits) through on the device. */
    public boolean permits(int deviceType, long major, long minor, int requested) {
        for (Exemption e : exceptions) {
            if (e.matches(deviceType, major, minor, requested)) {
                return !defaultAllow;
            }
        }
        return defaultAllow;
    }

    public static DeviceRuleset of(List<LinuxResources.DeviceRule> rules) {
        boolean defaultAllow = false;
        TreeMap<Key, Integer> exceptions = new TreeMap<>(RUNC_ORDER);
        for (int i = 0; i < rules.size(); i++) {
            LinuxResources.DeviceRule rule = rules.get(i);
            String where = "linux.resources.devices[" + i + "]";
            boolean allow = Boolean.TRUE.equals(rule.allow());
            int type = type(rule.type(), where);
            int access = access(rule.access(), where);
            if (type == 0) {
                defaultAllow = allow;
                exceptions.clear();
                continue;
            }
            if (access == 0) {
                continue;
            }
            Key key = new Key(type, number(rule.major(), where + ".major"), number(rule.minor(), where + ".minor"));
            if (allow != defaultAllow) {
                exceptions.merge(key, access, (a, b) -> a | b);
            } else {
                refuseHole(exceptions, key, access, where);
                int left = exceptions.getOrDefault(key, 0) & ~access;
                if (left == 0) {
                    exceptions.remove(key);
                } else {
                    exceptions.put(key, left);
                }
            }
        }
        List<Exemption> list = new ArrayList<>();
        exceptions.forEach((k, a) -> list.add(new Exemption(k.type(), k.major(), k.minor(), a)));
        return new DeviceRuleset(defaultAllow, list);
    }

    private static void refuseHole(TreeMap<Key, Integer> exceptions, Key key, int access, String where) {
        for (Key wider : List.of(new Key(key.type(), ANY, key.minor()), new Key(key.type(), key.major(), ANY),
                new Key(key.type(), ANY, ANY))) {
            if (!wider.equals(key) && (exceptions.getOrDefault(wider, 0) & access) != 0) {
                throw new CgroupException(where + ": the rule " + describe(key, access)
                        + " would punch a hole in the earlier wildcard rule " + describe(wider, exceptions.get(wider))
                        + ", which device cgroups cannot express (runc refuses it too): list the devices one by one");
            }
        }
    }

    private static String describe(Key k, int access) {
        return (k.type() == TYPE_BLOCK ? "b " : "c ") + (k.major() == ANY ? "*" : k.major()) + ":"
                + (k.minor() == ANY ? "*" : k.minor()) + " " + accessString(access);
    }

    static String accessString(int access) {
        return ((access & ACC_READ) != 0 ? "r" : "") + ((access & ACC_WRITE) != 0 ? "w" : "")
                + ((access & ACC_MKNOD) != 0 ? "m" : "");
    }

    /** 0 for "all devices". */
    private static int type(String type, String where) {
        if (type == null) {
            return 0;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "a" -> 0;
            case "b" -> TYPE_BLOCK;
            case "c" -> TYPE_CHAR;
            default -> throw new CgroupException(where + ".type: \"" + type
                    + "\" is not a device cgroup type: use \"a\" (all), \"b\" (block) or \"c\" (char)");
        };
    }

    /** Absent access means "rwm"; an empty string grants or removes nothing (as in runc). */
    private static int access(String access, String where) {
        if (access == null) {
            return ACC_ALL;
        }
        int bits = 0;
        for (char c : access.toCharArray()) {
            bits |= switch (c) {
                case 'r' -> ACC_READ;
                case 'w' -> ACC_WRITE;
                case 'm' -> ACC_MKNOD;
                default -> throw new CgroupException(where + ".access: \"" + access
                        + "\" has '" + c + "': use only the letters r (read), w (write) and m (mknod)");
            };
        }
        return bits;
    }

    private static long number(Long n, String where) {
        if (n == null) {
            return ANY;
        }
        if (n < 0 || n > 0xFFFF_FFFFL) {
            throw new CgroupException(where + ": " + n + " is not a device number (0 to 4294967295, or absent for any)");
        }
        return n;
    }
}
