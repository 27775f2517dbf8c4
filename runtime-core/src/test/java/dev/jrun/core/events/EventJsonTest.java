package dev.jrun.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrun.core.json.MiniJsonReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    /** Printed by runc 1.1.5 {@code events --stats} for a busybox sleep on this project's v1 test host. */
    private static final String RUNC_LINE = "{\"type\":\"stats\",\"id\":\"cgt1\",\"data\":{\"cpu\":{\"usage\":{\"total\":16190589,\"percpu\":[10001200,6189389],\"percpu_kernel\":[11782152,4000000],\"percpu_user\":[0,4000000],\"kernel\":10000000,\"user\":0},\"throttling\":{}},\"cpuset\":{\"cpus\":[0,1],\"cpu_exclusive\":0,\"mems\":[0],\"mem_hardwall\":0,\"mem_exclusive\":0,\"memory_migrate\":0,\"memory_spread_page\":0,\"memory_spread_slab\":0,\"memory_pressure\":0,\"sched_load_balance\":1,\"sched_relax_domain_level\":-1},\"memory\":{\"cache\":12288,\"usage\":{\"limit\":9223372036854771712,\"usage\":704512,\"max\":2486272,\"failcnt\":0},\"swap\":{\"limit\":9223372036854771712,\"usage\":704512,\"max\":2486272,\"failcnt\":0},\"kernel\":{\"limit\":9223372036854771712,\"usage\":458752,\"max\":610304,\"failcnt\":0},\"kernelTCP\":{\"limit\":9223372036854771712,\"failcnt\":0},\"raw\":{\"active_anon\":4096,\"active_file\":12288,\"cache\":12288,\"dirty\":12288,\"hierarchical_memory_limit\":9223372036854771712,\"hierarchical_memsw_limit\":9223372036854771712,\"inactive_anon\":45056,\"inactive_file\":0,\"mapped_file\":0,\"pgfault\":784,\"pgmajfault\":0,\"pgpgin\":482,\"pgpgout\":467,\"rss\":49152,\"rss_huge\":0,\"shmem\":0,\"swap\":0,\"swapcached\":0,\"total_active_anon\":4096,\"total_active_file\":12288,\"total_cache\":12288,\"total_dirty\":12288,\"total_inactive_anon\":45056,\"total_inactive_file\":0,\"total_mapped_file\":0,\"total_pgfault\":784,\"total_pgmajfault\":0,\"total_pgpgin\":482,\"total_pgpgout\":467,\"total_rss\":49152,\"total_rss_huge\":0,\"total_shmem\":0,\"total_swap\":0,\"total_swapcached\":0,\"total_unevictable\":0,\"total_workingset_refault_anon\":0,\"total_workingset_refault_file\":1,\"total_writeback\":0,\"unevictable\":0,\"workingset_refault_anon\":0,\"workingset_refault_file\":1,\"writeback\":0}},\"pids\":{\"current\":1},\"blkio\":{},\"hugetlb\":{},\"intel_rdt\":{},\"network_interfaces\":null}}";

    private static final long NO_LIMIT = 9223372036854771712L;

    @Test
    void statsLineIsRuncsByteForByte() {
        // raw, given in reverse order: the writer must sort it as Go sorts map keys
        Map<String, Long> raw = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> runcRaw = (Map<String, Object>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) MiniJsonReader
                .parse(RUNC_LINE)).get("data")).get("memory")).get("raw");
        List<String> keys = new java.util.ArrayList<>(runcRaw.keySet());
        java.util.Collections.reverse(keys);
        keys.forEach(k -> raw.put(k, (Long) runcRaw.get(k)));
        Stats s = new Stats(
                new Stats.Cpu(new Stats.CpuUsage(16190589, List.of(10001200L, 6189389L), List.of(11782152L, 4000000L),
                        List.of(0L, 4000000L), 10000000, 0), new Stats.Throttling(0, 0, 0)),
                new Stats.CpuSet(List.of(0, 1), 0, List.of(0), 0, 0, 0, 0, 0, 0, 1, -1),
                new Stats.Memory(12288, new Stats.MemoryEntry(NO_LIMIT, 704512, 2486272, 0),
                        new Stats.MemoryEntry(NO_LIMIT, 704512, 2486272, 0),
                        new Stats.MemoryEntry(NO_LIMIT, 458752, 610304, 0), new Stats.MemoryEntry(NO_LIMIT, 0, 0, 0),
                        raw),
                new Stats.Pids(1, 0), new Stats.Blkio(Map.of()), Map.of());
        assertEquals(RUNC_LINE, EventJson.stats("cgt1", s));
    }

    @Test
    void emptyStatsKeepGoStructsAndDropOmitemptyMembers() {
        Stats.MemoryEntry none = new Stats.MemoryEntry(0, 0, 0, 0);
        Stats s = new Stats(new Stats.Cpu(new Stats.CpuUsage(0, List.of(), List.of(), List.of(), 0, 0),
                new Stats.Throttling(0, 0, 0)), new Stats.CpuSet(List.of(), 0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0),
                new Stats.Memory(0, none, none, none, none, Map.of()), new Stats.Pids(0, 0), new Stats.Blkio(Map.of()),
                Map.of());
        assertEquals("{\"type\":\"stats\",\"id\":\"x\",\"data\":{\"cpu\":{\"usage\":{\"kernel\":0,\"user\":0},"
                + "\"throttling\":{}},\"cpuset\":{\"cpu_exclusive\":0,\"mem_hardwall\":0,\"mem_exclusive\":0,"
                + "\"memory_migrate\":0,\"memory_spread_page\":0,\"memory_spread_slab\":0,\"memory_pressure\":0,"
                + "\"sched_load_balance\":0,\"sched_relax_domain_level\":0},\"memory\":{\"usage\":{\"limit\":0,"
                + "\"failcnt\":0},\"swap\":{\"limit\":0,\"failcnt\":0},\"kernel\":{\"limit\":0,\"failcnt\":0},"
                + "\"kernelTCP\":{\"limit\":0,\"failcnt\":0}},\"pids\":{},\"blkio\":{},\"hugetlb\":{},"
                + "\"intel_rdt\":{},\"network_interfaces\":null}}", EventJson.stats("x", s));
    }

    @Test
    void uint64PrintsUnsignedAndBlkioHugetlbFollowGoOrder() {
        Stats.MemoryEntry max = new Stats.MemoryEntry(-1L, 0, 0, 0);
        Map<String, List<Stats.BlkioEntry>> blkio = new LinkedHashMap<>();
        blkio.put("sectorsRecursive", List.of(new Stats.BlkioEntry(8, 0, "", 5)));
        blkio.put("ioServiceBytesRecursive", List.of(new Stats.BlkioEntry(8, 0, "Read", 4096),
                new Stats.BlkioEntry(8, 0, "Write", 0)));
        Map<String, Stats.Hugetlb> huge = new LinkedHashMap<>();
        huge.put("2MB", new Stats.Hugetlb(0, 0, 0));
        huge.put("1GB", new Stats.Hugetlb(1, 2, 3));
        Stats s = new Stats(new Stats.Cpu(new Stats.CpuUsage(-1L, List.of(-2L), List.of(), List.of(), 0, 0),
                new Stats.Throttling(1, 2, 3)), new Stats.CpuSet(List.of(), 0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0),
                new Stats.Memory(0, max, max, max, max, Map.of()), new Stats.Pids(3, -1L), new Stats.Blkio(blkio),
                huge);
        String line = EventJson.stats("x", s);
        assertEquals(true, line.contains("\"usage\":{\"total\":18446744073709551615,\"percpu\":[18446744073709551614],"
                + "\"kernel\":0,\"user\":0},\"throttling\":{\"periods\":1,\"throttledPeriods\":2,\"throttledTime\":3}"),
                line);
        assertEquals(true, line.contains("\"usage\":{\"limit\":18446744073709551615,\"failcnt\":0}"), line);
        assertEquals(true, line.contains("\"pids\":{\"current\":3,\"limit\":18446744073709551615}"), line);
        assertEquals(true, line.contains("\"blkio\":{\"ioServiceBytesRecursive\":[{\"major\":8,\"op\":\"Read\","
                + "\"value\":4096},{\"major\":8,\"op\":\"Write\"}],\"sectorsRecursive\":[{\"major\":8,\"value\":5}]}"),
                line);
        assertEquals(true, line.contains("\"hugetlb\":{\"1GB\":{\"usage\":1,\"max\":2,\"failcnt\":3},"
                + "\"2MB\":{\"failcnt\":0}}"), line);
    }

    /** As runc 1.1.5 printed it on this host for a container over its memory limit. */
    @Test
    void oomEventHasNoData() {
        assertEquals("{\"type\":\"oom\",\"id\":\"c1\"}", EventJson.oom("c1"));
    }
}
