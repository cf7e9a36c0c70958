package io.netinsights.assistant.eval;

import io.netinsights.assistant.Answer;
import io.netinsights.assistant.AskOptions;
import io.netinsights.assistant.Assistant;
import io.netinsights.assistant.run.LocalRunner;
import io.netinsights.assistant.run.RunResult;
import io.netinsights.js.ScriptConfig;
import io.netinsights.js.ScriptSource;
import io.netinsights.js.validate.Problem;
import io.netinsights.js.validate.ScriptValidator;
import io.netinsights.js.validate.ValidationResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs an evaluation set: asks the assistant every question, runs each script with {@link
 * LocalRunner} on the evaluation traffic, compares its output with the expected answer computed by
 * {@link GroundTruth}, and reports parse rate, API-valid rate, execution accuracy, repair rounds
 * and latency.
 */
public final class Evaluator {
    private final Assistant assistant;
    private final AskOptions askOptions;
    private final GeneratedTraffic traffic;
    private final Duration runBudget;

    /**
     * @param traffic items, pods, env and injected facts to evaluate on
     * @param askOptions how to ask (offline or with a model); the dry run is the caller's choice
     */
    public Evaluator(
            Assistant assistant,
            AskOptions askOptions,
            GeneratedTraffic traffic,
            Duration runBudget) {
        this.assistant = assistant;
        this.askOptions = askOptions;
        this.traffic = traffic;
        this.runBudget = runBudget;
    }

    /** Evaluates the questions of a YAML file on the generated traffic, offline. */
    public static EvalReport run(Path questionsYaml) {
        return offline(TrafficGenerator.standard())
                .evaluate(QuestionSet.read(questionsYaml), q -> {});
    }

    /** An offline evaluator on the given traffic, without the assistant's own dry run. */
    public static Evaluator offline(GeneratedTraffic traffic) {
        return new Evaluator(
                Assistant.standard(),
                AskOptions.builder().dryRun(false).build(),
                traffic,
                Duration.ofSeconds(60));
    }

    /**
     * Checks one script's output against the expected answer of its question on this evaluator's
     * traffic; returns "" when it is right, else what differed.
     */
    public String verdict(Question q, RunResult run) {
        GroundTruth truth = new GroundTruth(traffic.items(), traffic.pods(), traffic.env());
        Expectations.Verdict v = new Expectations(truth, traffic.anomalies()).check(q, run);
        return v.correct() ? "" : v.detail();
    }

    /** Evaluates every question; {@code progress} hears about each finished row. */
    public EvalReport evaluate(List<Question> questions, Consumer<EvalReport.Row> progress) {
        GroundTruth truth = new GroundTruth(traffic.items(), traffic.pods(), traffic.env());
        Expectations expectations = new Expectations(truth, traffic.anomalies());
        List<EvalReport.Row> rows = new ArrayList<>();
        for (Question q : questions) {
            EvalReport.Row row = evaluate(q, expectations);
            rows.add(row);
            progress.accept(row);
        }
        return new EvalReport(rows);
    }

    private EvalReport.Row evaluate(Question q, Expectations expectations) {
        Answer a;
        try {
            a = assistant.ask(q.question(), askOptions);
        } catch (RuntimeException e) {
            return row(
                    q, "-", "ERROR", null, null, false, 0, 0, 0, "ask failed: " + e.getMessage());
        }
        boolean declineExpected = q.check().equals("cannot-answer");
        String source = a.source() == null ? "-" : a.source();
        if (declineExpected) {
            boolean ok = a.status() == Answer.Status.CANNOT_ANSWER;
            return row(
                    q,
                    source,
                    a.status().name(),
                    null,
                    null,
                    ok,
                    a.repairRounds(),
                    a.elapsedMillis(),
                    0,
                    ok ? "" : "answered with a script instead of declining");
        }
        if (!a.hasScript()) {
            return row(
                    q,
                    source,
                    a.status().name(),
                    false,
                    false,
                    false,
                    a.repairRounds(),
                    a.elapsedMillis(),
                    0,
                    firstLine(a.explanation()));
        }
        ValidationResult v = ScriptValidator.validate("answer.js", a.code());
        boolean parsed =
                v.errors().stream()
                        .noneMatch(
                                p ->
                                        p.code().equals(Problem.SYNTAX)
                                                || p.code().equals(Problem.ES6));
        boolean valid = v.ok();
        RunResult run =
                new LocalRunner(ScriptConfig.builder().env(traffic.env()).build(), runBudget)
                        .run(
                                new ScriptSource("answer.js", a.code()),
                                traffic.items(),
                                traffic.pods());
        Expectations.Verdict verdict =
                run.ok()
                        ? expectations.check(q, run)
                        : new Expectations.Verdict(
                                false, "run failed: " + firstLine(run.problems()));
        return row(
                q,
                source,
                a.status().name(),
                parsed,
                valid,
                valid && verdict.correct(),
                a.repairRounds(),
                a.elapsedMillis(),
                run.wallMillis(),
                verdict.detail());
    }

    private static EvalReport.Row row(
            Question q,
            String source,
            String status,
            Boolean parsed,
            Boolean valid,
            boolean correct,
            int rounds,
            long ask,
            long run,
            String detail) {
        return new EvalReport.Row(
                q.id(),
                q.question(),
                q.check(),
                source,
                status,
                parsed,
                valid,
                correct,
                rounds,
                ask,
                run,
                detail);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Traffic from files: items, pods and env, with no injected facts (anomalies are computed). */
    public static GeneratedTraffic fromFiles(
            List<io.netinsights.schemas.ApiItem> items,
            List<String> pods,
            Map<String, String> env) {
        return new GeneratedTraffic(items, pods, env, Set.of());
    }
}
