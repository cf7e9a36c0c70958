package io.netinsights.cli;

import io.netinsights.assistant.AskOptions;
import io.netinsights.assistant.Assistant;
import io.netinsights.assistant.eval.EvalReport;
import io.netinsights.assistant.eval.Evaluator;
import io.netinsights.assistant.eval.GeneratedTraffic;
import io.netinsights.assistant.eval.QuestionSet;
import io.netinsights.assistant.eval.TrafficGenerator;
import io.netinsights.assistant.llm.Langchain4jChatClient;
import io.netinsights.assistant.llm.LlmSettings;
import io.netinsights.assistant.run.ItemFiles;
import io.netinsights.assistant.run.PodList;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code eval-assistant QUESTIONS.yaml [--items F | --generated]}: asks the assistant every
 * question, runs each script on the traffic, compares its output with the expected answer and
 * prints a table with parse rate, API-valid rate, execution accuracy, repair rounds and latency.
 */
@Command(name = "eval-assistant", description = "Evaluate the assistant on a question set.")
final class EvalAssistantCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "QUESTIONS.yaml",
            description = "questions with expected answers")
    Path questions;

    @ArgGroup(exclusive = true)
    Traffic traffic;

    /** Where the evaluation traffic comes from (default: generated). */
    static final class Traffic {
        @Option(names = "--items", paramLabel = "FILE", description = "items as JSON lines")
        Path items;

        @Option(
                names = "--generated",
                description = "the deterministic generated traffic (default)")
        boolean generated;
    }

    @Option(names = "--pods", paramLabel = "PODS.yaml", description = "pod inventory for --items")
    Path pods;

    @Option(
            names = "--env",
            paramLabel = "K=V",
            description = "script environment for --items (repeatable)")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--llm-base-url", paramLabel = "URL", description = "evaluate with a model")
    String llmBaseUrl;

    @Option(
            names = "--model",
            paramLabel = "NAME",
            description = "model name (with --llm-base-url)")
    String model;

    @Option(
            names = "--llm-provider",
            paramLabel = "openai|ollama",
            description = "API of the server")
    String provider;

    @Option(names = "--prefer-model", description = "ask the model even when a template fits")
    boolean preferModel;

    @Option(
            names = "--min-accuracy",
            paramLabel = "PERCENT",
            description = "exit with 1 below this execution accuracy")
    Double minAccuracy;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "also write the table to this file")
    Path report;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if ((llmBaseUrl == null) != (model == null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--llm-base-url and --model go together");
        }
        if (!Files.isRegularFile(questions)) {
            throw new Errors.UserError("questions not found: " + questions);
        }
        GeneratedTraffic t;
        if (traffic != null && traffic.items != null) {
            Inputs.checkReadable(traffic.items, false);
            t =
                    Evaluator.fromFiles(
                            ItemFiles.read(traffic.items),
                            pods == null ? List.of() : PodList.read(pods),
                            env);
        } else {
            t = TrafficGenerator.standard();
        }
        AskOptions.Builder b = AskOptions.builder().dryRun(false).preferModel(preferModel);
        if (llmBaseUrl != null) {
            b.model(
                    new Langchain4jChatClient(
                            LlmSettings.of(llmBaseUrl, model, provider, System.getenv())));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Evaluator evaluator =
                new Evaluator(Assistant.standard(), b.build(), t, Duration.ofSeconds(120));
        EvalReport r =
                evaluator.evaluate(
                        QuestionSet.read(questions),
                        row -> {
                            err.println(
                                    (row.correct() ? "ok   " : "FAIL ")
                                            + row.id()
                                            + (row.detail().isEmpty() ? "" : ": " + row.detail()));
                            err.flush();
                        });
        out.print(r.table());
        out.flush();
        if (report != null) {
            Files.writeString(report, r.table(), StandardCharsets.UTF_8);
        }
        if (minAccuracy != null && 100 * r.executionAccuracy() < minAccuracy) {
            err.println(
                    String.format(
                            Locale.ROOT,
                            "netinsights: execution accuracy %.1f %% is below %.1f %%",
                            100 * r.executionAccuracy(),
                            minAccuracy));
            return Main.EXIT_ERROR;
        }
        return 0;
    }
}
