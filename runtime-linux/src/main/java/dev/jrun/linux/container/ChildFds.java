package dev.jrun.linux.container;

/**
 * The parent's descriptors the child's plan refers to by number (a clone keeps the numbers). All are
 * close-on-exec, so none reaches the container process; the status pipe's EOF after READY means execve happened.
 *
 * @param statusRead parent's end of the status pipe (the child closes its copy)
 * @param statusWrite child's end: ALIVE, SYNC, PID, READY and FAIL reports
 * @param syncRead child's end of the sync pipe: it blocks here while the parent writes id maps and limits
 * @param syncWrite parent's end (the child closes its copy, so it sees EOF if the parent dies)
 * @param fifo exec.fifo opened O_RDWR: the child blocks reading it until start writes a byte
 */
public record ChildFds(int statusRead, int statusWrite, int syncRead, int syncWrite, int fifo) {
}
