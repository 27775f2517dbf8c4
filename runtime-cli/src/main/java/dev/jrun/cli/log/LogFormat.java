package dev.jrun.cli.log;

import dev.jrun.core.JrunException;

/** --log-format: runc's two formats. */
public enum LogFormat {
    TEXT, JSON;

    public static boolean isValid(String value) {
        return value.equals("text") || value.equals("json");
    }

    public static LogFormat parse(String value) {
        return switch (value) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new JrunException("invalid log-format: " + value + " (use text or json)");
        };
    }
}
