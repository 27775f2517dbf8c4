package dev.jrun.core.events;

import dev.jrun.core.json.GoJsonWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines {@code events} prints, byte for byte as runc 1.1 prints them (its types/events.go marshalled by Go's
 * encoding/json). The omitempty rules are Go's: an omitempty number is left out when zero, an omitempty list or map
 * when empty; a struct is never left out, so {@code "throttling":{}} appears even when every member is dropped. Map
 * keys are sorted as Go sorts them (byte order of the UTF-8 key, which for these ASCII keys is String order).
 */
public final class EventJson {
    private EventJson() {
    }

    /** {@code {"type":"stats","id":...,"data":{...}}}, without the newline Go's encoder adds. */
    public static String stats(String id, Stats s) {
        GoJsonWriter w = GoJsonWriter.compact().beginObject().field("type", "stats").field("id", id).name("data");
        data(w, s);
        return w.endObject().toString();
    }

    /** runc sends an oom event with no data, and Go drops the omitempty nil {@code data}. */
    public static String oom(String id) {
        return GoJsonWriter.compact().beginObject().field("type", "oom").field("id", id).endObject().toString();
    }

    private static void data(GoJsonWriter w, Stats s) {
        w.beginObject().name("cpu").beginObject().name("usage").beginObject();
        Stats.CpuUsage u = s.cpu().usage();
        omitZero(w, "total", u.total());
        omitEmptyNumbers(w, "percpu", u.percpu());
        omitEmptyNumbers(w, "percpu_kernel", u.percpuKernel());
        omitEmptyNumbers(w, "percpu_user", u.percpuUser());
        uint(w, "kernel", u.kernel());
        uint(w, "user", u.user());
        w.endObject().name("throttling").beginObject();
        Stats.Throttling t = s.cpu().throttling();
        omitZero(w, "periods", t.periods());
        omitZero(w, "throttledPeriods", t.throttledPeriods());
        omitZero(w, "throttledTime", t.throttledTime());
        w.endObject().endObject();

        Stats.CpuSet c = s.cpuset();
        w.name("cpuset").beginObject();
        omitEmptyNumbers(w, "cpus", c.cpus());
        uint(w, "cpu_exclusive", c.cpuExclusive());
        omitEmptyNumbers(w, "mems", c.mems());
        uint(w, "mem_hardwall", c.memHardwall());
        uint(w, "mem_exclusive", c.memExclusive());
        uint(w, "memory_migrate", c.memoryMigrate());
        uint(w, "memory_spread_page", c.memorySpreadPage());
        uint(w, "memory_spread_slab", c.memorySpreadSlab());
        uint(w, "memory_pressure", c.memoryPressure());
        uint(w, "sched_load_balance", c.schedLoadBalance());
        w.field("sched_relax_domain_level", c.schedRelaxDomainLevel()); // int64 in runc: signed
        w.endObject();

        Stats.Memory m = s.memory();
        w.name("memory").beginObject();
        omitZero(w, "cache", m.cache());
        memoryEntry(w, "usage", m.usage());
        memoryEntry(w, "swap", m.swap());
        memoryEntry(w, "kernel", m.kernel());
        memoryEntry(w, "kernelTCP", m.kernelTCP());
        if (m.raw() != null && !m.raw().isEmpty()) {
            w.name("raw").beginObject();
            new TreeMap<>(m.raw()).forEach((k, v) -> uint(w, k, v));
            w.endObject();
        }
        w.endObject();

        w.name("pids").beginObject();
        omitZero(w, "current", s.pids().current());
        omitZero(w, "limit", s.pids().limit());
        w.endObject();

        w.name("blkio").beginObject();
        Map<String, List<Stats.BlkioEntry>> entries = s.blkio() == null ? Map.of() : s.blkio().entries();
        for (String key : BLKIO_ORDER) {
            List<Stats.BlkioEntry> list = entries.get(key);
            if (list == null || list.isEmpty()) {
                continue;
            }
            w.name(key).beginArray();
            for (Stats.BlkioEntry e : list) {
                w.beginObject();
                omitZero(w, "major", e.major());
                omitZero(w, "minor", e.minor());
                if (e.op() != null && !e.op().isEmpty()) {
                    w.field("op", e.op());
                }
                omitZero(w, "value", e.value());
                w.endObject();
            }
            w.endArray();
        }
        w.endObject();

        // runc always makes the map, so an empty one is {} (not null).
        w.name("hugetlb").beginObject();
        if (s.hugetlb() != null) {
            new TreeMap<>(s.hugetlb()).forEach((size, h) -> {
                w.name(size).beginObject();
                omitZero(w, "usage", h.usage());
                omitZero(w, "max", h.max());
                uint(w, "failcnt", h.failcnt());
                w.endObject();
            });
        }
        w.endObject();
        // jrun has neither Intel RDT nor network statistics: runc's empty struct and nil slice.
        w.name("intel_rdt").beginObject().endObject();
        w.name("network_interfaces").nullValue();
        w.endObject();
    }

    /** The struct field order of runc's Blkio, with its JSON names (ioQueueRecursive is spelled so in runc). */
    private static final List<String> BLKIO_ORDER = List.of("ioServiceBytesRecursive", "ioServicedRecursive",
            "ioQueueRecursive", "ioServiceTimeRecursive", "ioWaitTimeRecursive", "ioMergedRecursive",
            "ioTimeRecursive", "sectorsRecursive");

    private static void memoryEntry(GoJsonWriter w, String name, Stats.MemoryEntry e) {
        w.name(name).beginObject();
        uint(w, "limit", e.limit());
        omitZero(w, "usage", e.usage());
        omitZero(w, "max", e.max());
        uint(w, "failcnt", e.failcnt());
        w.endObject();
    }

    private static void uint(GoJsonWriter w, String name, long v) {
        w.name(name);
        if (v >= 0) {
            w.value(v);
        } else {
            w.write(new java.math.BigInteger(Long.toUnsignedString(v)));
        }
    }

    private static void omitZero(GoJsonWriter w, String name, long v) {
        if (v != 0) {
            uint(w, name, v);
        }
    }

    private static void omitEmptyNumbers(GoJsonWriter w, String name, List<? extends Number> list) {
        if (list == null || list.isEmpty()) {
            return;
        }
        w.name(name).beginArray();
        for (Number n : list) {
            long v = n.longValue();
            if (v >= 0) {
                w.value(v);
            } else {
                w.write(new java.math.BigInteger(Long.toUnsignedString(v)));
            }
        }
        w.endArray();
    }
}
