package dev.jrun.core.json;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * Go's json.MarshalIndent layout, which runc's outputs use: {@code "key": value}, one element per line, {@code []}
 * and {@code {}} when empty. Only the indent unit differs between runc's commands (tab for spec, two spaces for
 * state, four for features).
 */
public final class GoIndent {
    private GoIndent() {
    }

    public static DefaultPrettyPrinter with(String unit) {
        DefaultIndenter indenter = new DefaultIndenter(unit, "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
