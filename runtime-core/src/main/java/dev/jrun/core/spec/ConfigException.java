package dev.jrun.core.spec;

import dev.jrun.core.JrunException;

/**
 * config.json could not be read or decoded. {@link #jsonPath()} names the offending property (null when the file
 * itself is the problem) and {@link #detail()} is the message without the source prefix, so a validator can report
 * it like any other problem.
 */
public final class ConfigException extends JrunException {
    private final String jsonPath;
    private final String detail;

    public ConfigException(String message, String jsonPath, String detail, Throwable cause) {
        super(message, cause);
        this.jsonPath = jsonPath;
        this.detail = detail;
    }

    public String jsonPath() {
        return jsonPath;
    }

    public String detail() {
        return detail;
    }
}
