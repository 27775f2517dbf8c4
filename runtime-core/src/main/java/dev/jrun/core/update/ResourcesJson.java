package dev.jrun.core.update;

import dev.jrun.core.json.JsonSyntaxException;
import dev.jrun.core.json.MiniJsonReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document {@code update --resources FILE} reads: a runtime-spec {@code LinuxResources} object. runc applies only
 * memory limit/reservation/swap, the cpu settings, blockIO.weight, pids.limit and unified; every other member
 * (devices, hugepageLimits, ... which engines send along with the rest of the spec's resources) is reported in the
 * warnings by its path, as are kernel memory limits (runc's warning).
 */
public final class ResourcesJson {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final String source;
    private final List<String> ignored = new ArrayList<>();

    private ResourcesJson(String source) {
        this.source = source;
    }

    /**
     * @param source the file name (or "standard input") for error messages
     * @throws IllegalArgumentException naming the source and the JSON path of the bad value
     */
    public static ResourceUpdate parse(byte[] json, String source) {
        return new ResourcesJson(source).read(json);
    }

    private ResourceUpdate read(byte[] json) {
        Object top;
        try {
            top = MiniJsonReader.parse(json);
        } catch (JsonSyntaxException e) {
            throw new IllegalArgumentException(source + ": invalid JSON: " + e.getMessage(), e);
        }
        Map<String, Object> r = object(top, "");
        if (r == null) {
            return new ResourceUpdate(ResourceUpdate.resources(null, null, null, null, null, null, null, null, null,
                    null, null, null, null), List.of());
        }
        Map<String, Object> memory = member(r, "memory", "");
        Map<String, Object> cpu = member(r, "cpu", "");
        Map<String, Object> blockIo = member(r, "blockIO", "");
        Map<String, Object> pids = member(r, "pids", "");
        Map<String, String> unified = unified(r.get("unified"));
        for (String key : r.keySet()) {
            switch (key) {
                case "memory", "cpu", "blockIO", "pids", "unified" -> { }
                default -> ignore(key, r.get(key));
            }
        }
        List<String> warnings = new ArrayList<>();
        Long limit = null;
        Long reservation = null;
        Long swap = null;
        if (memory != null) {
            limit = int64(memory, "memory.limit");
            reservation = int64(memory, "memory.reservation");
            swap = int64(memory, "memory.swap");
            Long kernel = int64(memory, "memory.kernel");
            Long kernelTcp = int64(memory, "memory.kernelTCP");
            if ((kernel != null && kernel != 0) || (kernelTcp != null && kernelTcp != 0)) {
                warnings.add(ResourceUpdate.KERNEL_MEMORY_WARNING);
            }
            ignoreOthers(memory, "memory", "limit", "reservation", "swap", "kernel", "kernelTCP");
        }
        Long shares = null;
        Long quota = null;
        Long period = null;
        Long rtRuntime = null;
        Long rtPeriod = null;
        String cpus = null;
        String mems = null;
        if (cpu != null) {
            shares = uint64(cpu, "cpu.shares");
            quota = int64(cpu, "cpu.quota");
            period = uint64(cpu, "cpu.period");
            rtRuntime = int64(cpu, "cpu.realtimeRuntime");
            rtPeriod = uint64(cpu, "cpu.realtimePeriod");
            cpus = string(cpu, "cpu.cpus");
            mems = string(cpu, "cpu.mems");
            ignoreOthers(cpu, "cpu", "shares", "quota", "period", "realtimeRuntime", "realtimePeriod", "cpus", "mems");
        }
        Integer weight = null;
        if (blockIo != null) {
            Long w = uint64(blockIo, "blockIO.weight");
            if (w != null && w > 0xffff) {
                throw bad("blockIO.weight", "must fit in uint16, got " + w);
            }
            weight = w == null ? null : w.intValue();
            ignoreOthers(blockIo, "blockIO", "weight");
        }
        Long pidsLimit = pids == null ? null : int64(pids, "pids.limit");
        if (pids != null) {
            ignoreOthers(pids, "pids", "limit");
        }
        for (String path : ignored) {
            warnings.add("update does not apply " + path + " (in " + source + "), as runc does not; it is left as is");
        }
        return new ResourceUpdate(ResourceUpdate.resources(limit, reservation, swap, shares, quota, period, rtRuntime,
                rtPeriod, cpus, mems, weight, pidsLimit, unified), List.copyOf(warnings));
    }

    private void ignore(String path, Object value) {
        if (value != null) {
            ignored.add(path);
        }
    }

    private void ignoreOthers(Map<String, Object> m, String prefix, String... applied) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!List.of(applied).contains(e.getKey())) {
                ignore(prefix + "." + e.getKey(), e.getValue());
            }
        }
    }

    private Map<String, Object> member(Map<String, Object> parent, String key, String prefix) {
        return object(parent.get(key), prefix + key);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object v, String path) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map)) {
            throw bad(path.isEmpty() ? "the top level" : path, "expected an object, got " + kind(v));
        }
        return (Map<String, Object>) v;
    }

    private Map<String, String> unified(Object v) {
        Map<String, Object> m = object(v, "unified");
        if (m == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, val) -> {
            if (!(val instanceof String s)) {
                throw bad("unified." + k, "expected a string, got " + kind(val));
            }
            out.put(k, s);
        });
        return out;
    }

    private Long int64(Map<String, Object> m, String path) {
        Object v = m.get(leaf(path));
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw bad(path, "expected an integer within int64, got " + kind(v));
    }

    private Long uint64(Map<String, Object> m, String path) {
        Object v = m.get(leaf(path));
        if (v == null) {
            return null;
        }
        if (v instanceof Long l && l >= 0) {
            return l;
        }
        if (v instanceof BigInteger b && b.signum() > 0 && b.compareTo(UINT64_MAX) <= 0) {
            return b.longValue();
        }
        throw bad(path, "expected an unsigned integer within uint64, got " + kind(v));
    }

    private String string(Map<String, Object> m, String path) {
        Object v = m.get(leaf(path));
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw bad(path, "expected a string, got " + kind(v));
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String kind(Object v) {
        return switch (v) {
            case String s -> "the string \"" + s + "\"";
            case Boolean b -> b.toString();
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            default -> v.toString();
        };
    }

    private IllegalArgumentException bad(String path, String why) {
        return new IllegalArgumentException(source + ": " + path + ": " + why);
    }
}
