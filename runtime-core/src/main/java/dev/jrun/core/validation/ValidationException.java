package dev.jrun.core.validation;

import dev.jrun.core.JrunException;
import java.nio.file.Path;
import java.util.List;

/** A bundle whose config is invalid; the message lists every problem, one per line. */
public final class ValidationException extends JrunException {
    private final List<Problem> problems;

    public ValidationException(Path configJson, List<Problem> problems) {
        super(message(configJson, problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(Path configJson, List<Problem> problems) {
        StringBuilder b = new StringBuilder("invalid configuration in ").append(configJson).append(" (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (Problem p : problems) {
            b.append("\n  ").append(p);
        }
        return b.toString();
    }
}
