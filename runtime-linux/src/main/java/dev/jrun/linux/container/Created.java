package dev.jrun.linux.container;

/**
 * A container whose init waits on exec.fifo.
 *
 * @param pid the init's pid on the host
 * @param startTime field 22 of /proc/&lt;pid&gt;/stat, to recognise the pid later
 * @param watchdogRetries clones the watchdog had to kill and retry (shown with --debug)
 */
public record Created(int pid, long startTime, int watchdogRetries) {
}
