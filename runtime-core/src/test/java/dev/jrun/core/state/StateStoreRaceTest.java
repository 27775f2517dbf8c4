package dev.jrun.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real processes race to create the same id: the directory claim must let exactly one win, every time. */
class StateStoreRaceTest {
    private static final int ROUNDS = 20;
    private static final long INTERVAL_MILLIS = 100;

    @TempDir
    Path tmp;

    @Test
    void exactlyOneOfTwoProcessesWinsEachRound() throws Exception {
        // Leave time for both JVMs to start; every round uses a fresh root, so the first round also races on it.
        long firstAt = System.currentTimeMillis() + 3000;
        String[] common = {tmp.toString(), Long.toString(firstAt), Long.toString(INTERVAL_MILLIS),
                Integer.toString(ROUNDS)};
        Process a = RaceCreator.java(RaceCreator.class.getName(), with(common, "a")).start();
        Process b = RaceCreator.java(RaceCreator.class.getName(), with(common, "b")).start();
        List<String> outA = new String(a.getInputStream().readAllBytes()).lines().toList();
        List<String> outB = new String(b.getInputStream().readAllBytes()).lines().toList();
        assertEquals(0, a.waitFor());
        assertEquals(0, b.waitFor());
        assertEquals(ROUNDS, outA.size(), String.join("\n", outA));
        assertEquals(ROUNDS, outB.size(), String.join("\n", outB));
        for (int round = 0; round < ROUNDS; round++) {
            String ra = outA.get(round);
            String rb = outB.get(round);
            boolean aWon = ra.equals(round + " WON");
            boolean bWon = rb.equals(round + " WON");
            assertTrue(aWon ^ bWon, "round " + round + ": a=" + ra + ", b=" + rb);
            String loser = aWon ? rb : ra;
            assertTrue(loser.startsWith(round + " LOST ") && loser.contains("already exists"), loser);
            String winner = aWon ? "a" : "b";
            assertEquals(winner, new StateStore(tmp.resolve("round-" + round)).require("same-id").bundle());
        }
    }

    private static String[] with(String[] common, String last) {
        String[] all = java.util.Arrays.copyOf(common, common.length + 1);
        all[common.length] = last;
        return all;
    }
}
