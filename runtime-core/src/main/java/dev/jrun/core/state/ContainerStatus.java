package dev.jrun.core.state;

import java.util.Locale;

/** The OCI lifecycle states, spelled in JSON as the runtime spec and runc spell them. */
public enum ContainerStatus {
    CREATING, CREATED, RUNNING, PAUSED, STOPPED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContainerStatus parse(String json) {
        for (ContainerStatus s : values()) {
            if (s.json().equals(json)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown container status \"" + json + "\"");
    }
}
