package io.netinsights.js.validate;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of validating one script: its problems in source order. A script is {@link #ok()}
 * when it has no errors; warnings do not stop it from running.
 *
 * @param fileName the script's file name
 * @param problems every finding, sorted by line and column
 */
public record ValidationResult(String fileName, List<Problem> problems) {

    private static final Comparator<Problem> SOURCE_ORDER =
            Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

    public ValidationResult {
        Objects.requireNonNull(fileName, "fileName");
        problems = problems.stream().sorted(SOURCE_ORDER).collect(Collectors.toUnmodifiableList());
    }

    /** Whether the script has no {@link Problem.Severity#ERROR} problems. */
    public boolean ok() {
        return errors().isEmpty();
    }

    public List<Problem> errors() {
        return only(Problem.Severity.ERROR);
    }

    public List<Problem> warnings() {
        return only(Problem.Severity.WARNING);
    }

    private List<Problem> only(Problem.Severity severity) {
        return problems.stream()
                .filter(p -> p.severity() == severity)
                .collect(Collectors.toUnmodifiableList());
    }

    /** One problem per line, or {@code "<file>: ok"}. */
    @Override
    public String toString() {
        if (problems.isEmpty()) {
            return fileName + ": ok";
        }
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
