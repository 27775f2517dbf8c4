package dev.jrun.core.state;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Run in a separate JVM by StateStoreRaceTest: for each round, waits for a wall-clock instant shared with its rival
 * process, then tries to create the same id in that round's fresh root. Prints one line per round.
 */
public final class RaceCreator {
    public static void main(String[] args) {
        Path base = Path.of(args[0]);
        long firstAt = Long.parseLong(args[1]);
        long intervalMillis = Long.parseLong(args[2]);
        int rounds = Integer.parseInt(args[3]);
        String name = args[4];
        for (int round = 0; round < rounds; round++) {
            long at = firstAt + round * intervalMillis;
            StateStore store = new StateStore(base.resolve("round-" + round));
            ContainerState state = new ContainerState("1.2.1", "same-id", (int) ProcessHandle.current().pid(),
                    ContainerStatus.CREATING, name, name, Instant.now(), Map.of(), "", 0);
            waitUntil(at);
            try {
                store.create(state);
                System.out.println(round + " WON");
            } catch (ContainerExistsException e) {
                System.out.println(round + " LOST " + e.getMessage());
            } catch (RuntimeException e) {
                System.out.println(round + " ERROR " + e);
            }
        }
    }

    // Sleep most of the way, then spin, so both processes leave the wait within a fraction of a millisecond.
    private static void waitUntil(long epochMillis) {
        long remaining;
        while ((remaining = epochMillis - System.currentTimeMillis()) > 2) {
            LockSupport.parkNanos((remaining - 2) * 1_000_000L);
        }
        while (System.currentTimeMillis() < epochMillis) {
            Thread.onSpinWait();
        }
    }

    static ProcessBuilder java(String mainClass, String... args) {
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    }
}
