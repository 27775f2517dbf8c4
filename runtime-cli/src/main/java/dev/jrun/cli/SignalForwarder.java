package dev.jrun.cli;

import dev.jrun.cli.log.Log;
import dev.jrun.linux.container.ProcessControl;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code run} in the foreground passes the signals it receives on to the container's init, as runc does, so that
 * Ctrl-C or a supervisor's SIGTERM reaches the container. With jrun's JVM flags HotSpot keeps SIGQUIT (thread dumps),
 * SIGILL, SIGFPE and SIGSEGV for itself (measured: Signal.handle refuses them); SIGCHLD, SIGPIPE and the job-control
 * signals are jrun's own business and are not forwarded. SIGKILL and SIGSTOP cannot be caught by anyone.
 */
final class SignalForwarder {
    static final String[] FORWARDED = {"HUP", "INT", "TERM", "USR1", "USR2", "WINCH", "ALRM", "PWR", "XCPU", "VTALRM",
        "PROF", "URG", "IO", "SYS", "TRAP", "ABRT", "BUS"};

    private SignalForwarder() {
    }

    /** Installs the handlers; from now on each of those signals goes to {@code pid}. */
    static void forwardTo(int pid) {
        SignalHandler handler = new SignalHandler() {
            @Override
            public void handle(Signal s) {
                try {
                    ProcessControl.kill(pid, s.getNumber());
                } catch (RuntimeException e) {
                    // the init is gone or going; waitForExit will tell
                    Log.debug("forwarding SIG" + s.getName() + " to " + pid + ": " + e.getMessage());
                }
            }
        };
        for (String name : FORWARDED) {
            try {
                Signal.handle(new Signal(name), handler);
            } catch (IllegalArgumentException e) {
                Log.debug("cannot forward SIG" + name + ": " + e.getMessage());
            }
        }
    }
}
