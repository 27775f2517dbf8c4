package dev.jrun.core.state;

/**
 * The two facts about a live pid that container status depends on.
 *
 * @param state     the one-letter state from /proc/&lt;pid&gt;/stat (R, S, D, Z, X, T, ...)
 * @param startTime clock ticks after boot at which the process started; with the pid it identifies a process
 *                  uniquely, because pids are recycled
 */
public record ProcessInfo(char state, long startTime) {
    /** Zombie or dead: the process has exited, only its pid entry lingers. */
    public boolean hasExited() {
        return state == 'Z' || state == 'X';
    }
}
