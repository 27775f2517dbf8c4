package dev.jrun.core.hooks;

import dev.jrun.core.JrunException;

/**
 * A hook that could not be run, failed or ran past its timeout. The message follows runc's ("error running hook
 * #1: error running hook: exit status 3, stdout: …, stderr: …") and adds the kind and path.
 */
public final class HookException extends JrunException {
    private final HookKind kind;
    private final int index;

    public HookException(HookKind kind, int index, String path, String problem, Throwable cause) {
        super("error running " + kind.json() + " hook #" + index + " (" + path + "): " + problem, cause);
        this.kind = kind;
        this.index = index;
    }

    public HookKind kind() {
        return kind;
    }

    public int index() {
        return index;
    }
}
