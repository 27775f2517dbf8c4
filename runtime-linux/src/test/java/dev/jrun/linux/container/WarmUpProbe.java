package dev.jrun.linux.container;

import dev.jrun.linux.kernel.PlanExecutor;

/** Run by {@link ExecutorCompilationTest} in a JVM with the launcher's flags: warms up as create does, then marks it. */
public final class WarmUpProbe {
    private WarmUpProbe() {}

    public static void main(String[] args) {
        PlanExecutor.warmUp(ContainerLauncher.WARM_UP_RUNS);
        System.out.println("WARM-UP DONE");
        System.out.flush();
    }
}
