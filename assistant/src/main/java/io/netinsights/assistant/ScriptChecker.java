package io.netinsights.assistant;

import io.netinsights.assistant.eval.GeneratedTraffic;
import io.netinsights.assistant.eval.TrafficGenerator;
import io.netinsights.assistant.run.LocalRunner;
import io.netinsights.assistant.run.RunResult;
import io.netinsights.js.ScriptConfig;
import io.netinsights.js.ScriptSource;
import io.netinsights.js.validate.Problem;
import io.netinsights.js.validate.ScriptValidator;
import io.netinsights.js.validate.ValidationResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proves a script before it is handed over: the validator (ES5, known hooks and helpers, lint),
 * then a dry run with {@link LocalRunner} on sample traffic within a time budget.
 */
final class ScriptChecker {
    /** Lint findings that a model's script must not have (a template's never has them). */
    static final Set<String> STRICT_LINT = Set.of(Problem.PER_ITEM_SINK, Problem.UNBOUNDED_MAP);

    private static volatile GeneratedTraffic generated;

    private ScriptChecker() {}

    /**
     * What checking found.
     *
     * @param validation the validator's result
     * @param dryRun the dry run, or null when it did not run
     * @param problems what must be fixed, one line each; empty when the script passed
     * @param warnings findings that do not stop the script
     */
    record Outcome(
            ValidationResult validation,
            RunResult dryRun,
            List<String> problems,
            List<String> warnings) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    static Outcome check(String fileName, String code, AskOptions o, boolean strictLint) {
        ValidationResult v = ScriptValidator.validate(fileName, code);
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        v.errors().forEach(p -> problems.add(p + " [" + p.code() + "]"));
        for (Problem w : v.warnings()) {
            (strictLint && STRICT_LINT.contains(w.code()) ? problems : warnings)
                    .add(w + " [" + w.code() + "]");
        }
        if (!problems.isEmpty() || !o.dryRun()) {
            return new Outcome(v, null, problems, warnings);
        }
        RunResult run = dryRun(fileName, code, o);
        if (!run.ok()) {
            problems.add("dry run on sample traffic: " + run.problems());
        } else if (run.console().isEmpty() && run.sinkRequests().isEmpty()) {
            warnings.add(
                    "the dry run on "
                            + run.itemsProcessed()
                            + " sample item(s) printed and sent nothing");
        }
        return new Outcome(v, run, problems, warnings);
    }

    static RunResult dryRun(String fileName, String code, AskOptions o) {
        List<?> items = o.sampleItems();
        GeneratedTraffic g = items == null || o.pods() == null ? traffic() : null;
        Map<String, String> env = new LinkedHashMap<>();
        if (items == null) {
            env.putAll(g.env());
        }
        env.putAll(o.env());
        ScriptConfig config = ScriptConfig.builder().env(env).build();
        return new LocalRunner(config, o.dryRunBudget())
                .run(
                        new ScriptSource(fileName, code),
                        items == null ? g.items() : o.sampleItems(),
                        o.pods() != null ? o.pods() : g.pods());
    }

    /** The built-in sample traffic, generated once. */
    static GeneratedTraffic traffic() {
        GeneratedTraffic g = generated;
        if (g == null) {
            g = TrafficGenerator.standard();
            generated = g;
        }
        return g;
    }
}
