package dev.jrun.linux.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The child may not allocate: a warmed executor loop must not touch the Java heap. */
class PlanExecutorAllocationTest {
    private static final int RUNS = 10_000;
    private static final long BOUND = 64 * 1024;

    @Test
    void tenThousandRunsOfAWarmedPlanAllocateAlmostNothing() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot measure per-thread allocation");
        threads.setThreadAllocatedMemoryEnabled(true);
        PlanExecutor.warmUp();

        // The warm-up plans cover every path of the loop: SYS with each argument kind, expected and unexpected
        // errnos, STORE, every jump condition, EXIT.
        try (LoadedPlan exits = LoadedPlan.load(PlanExecutor.warmUpPlan(false));
                LoadedPlan fails = LoadedPlan.load(PlanExecutor.warmUpPlan(true))) {
            long sum = 0;
            threads.getCurrentThreadAllocatedBytes(); // the first call may initialise the measurement itself
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < RUNS; i++) {
                sum += PlanExecutor.execute(exits);
                sum += PlanExecutor.execute(fails);
            }
            long after = threads.getCurrentThreadAllocatedBytes();

            assertEquals(-RUNS, sum, "each pair of runs: exit 0, then failure (-1)");
            // Not exactly 0: the counter is derived from TLAB bookkeeping (used bytes of the current TLAB plus
            // retired ones), and the MXBean call reading it may itself allocate a little; a transition between
            // interpreted, C1 and C2 code (OSR) is not heap allocation. Anything per run would show as at least
            // 2 * 10,000 * 16 bytes (the smallest object) = 320 KB, five times this bound.
            long delta = after - before;
            assertTrue(delta < BOUND, delta + " bytes allocated over " + 2 * RUNS + " runs");
        }
    }

    @Test
    void theMeasurementSeesAnAllocationOfTheSizeThatWouldFail() {
        // Proof that the test above can fail: one small array per run would cross the bound.
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        long[][] kept = new long[RUNS][];
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < RUNS; i++) {
            kept[i] = new long[1];
        }
        long delta = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(delta >= BOUND, "only " + delta + " bytes seen for " + RUNS + " arrays");
        assertEquals(RUNS, kept.length);
    }
}
