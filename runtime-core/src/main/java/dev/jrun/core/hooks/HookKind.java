package dev.jrun.core.hooks;

import dev.jrun.core.spec.Hooks;
import java.util.List;

/** The hook lists of runtime-spec config.md, named as in config.json (and in error messages). */
public enum HookKind {
    PRESTART("prestart"),
    CREATE_RUNTIME("createRuntime"),
    CREATE_CONTAINER("createContainer"),
    START_CONTAINER("startContainer"),
    POSTSTART("poststart"),
    POSTSTOP("poststop");

    private final String json;

    HookKind(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    /** This kind's hooks in {@code hooks}, in order; empty when there are none. */
    public List<Hooks.Hook> of(Hooks hooks) {
        if (hooks == null) {
            return List.of();
        }
        List<Hooks.Hook> list = switch (this) {
            case PRESTART -> hooks.prestart();
            case CREATE_RUNTIME -> hooks.createRuntime();
            case CREATE_CONTAINER -> hooks.createContainer();
            case START_CONTAINER -> hooks.startContainer();
            case POSTSTART -> hooks.poststart();
            case POSTSTOP -> hooks.poststop();
        };
        return list == null ? List.of() : list;
    }
}
