package dev.jrun.linux.cgroup;

import dev.jrun.core.JrunException;

/** A cgroup operation failed; the message names the setting (JSON path or flag) and the file. */
public final class CgroupException extends JrunException {
    public CgroupException(String message) {
        super(message);
    }

    public CgroupException(String message, Throwable cause) {
        super(message, cause);
    }
}
