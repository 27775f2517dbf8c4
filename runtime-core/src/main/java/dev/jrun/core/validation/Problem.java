package dev.jrun.core.validation;

/** One thing wrong with a config: the JSON path of the offending property and what is wrong with it. */
public record Problem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
