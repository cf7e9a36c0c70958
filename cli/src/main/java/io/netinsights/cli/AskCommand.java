package io.netinsights.cli;

import io.netinsights.assistant.Answer;
import io.netinsights.assistant.AskOptions;
import io.netinsights.assistant.Assistant;
import io.netinsights.assistant.llm.Langchain4jChatClient;
import io.netinsights.assistant.llm.LlmSettings;
import io.netinsights.assistant.run.LocalRunner;
import io.netinsights.assistant.run.PodList;
import io.netinsights.assistant.run.RunResult;
import io.netinsights.jobs.sinks.SinkNotice;
import io.netinsights.jobs.sources.JsonLinesItemReader;
import io.netinsights.js.ScriptConfig;
import io.netinsights.js.ScriptSource;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.SinkRequest;
import io.netinsights.schemas.json.ItemJson;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ask "QUESTION" [--out FILE.js] [--run (--pcap F | --items F)] [--pods PODS.yaml]}: the
 * assistant turns a question into a checked script and prints it with an explanation; with {@code
 * --run} it also runs it (embedded Flink, or the dry-run runner when pods are given). No question
 * starts an interactive session on stdin whose follow-ups refine the last script.
 */
@Command(
        name = "ask",
        description = "Turn a question in plain language into a checked, ready-to-run script.")
final class AskCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "QUESTION",
            description = "the question; none starts an interactive session")
    String question;

    @Option(names = "--out", paramLabel = "FILE.js", description = "write the script to this file")
    Path out;

    @Option(names = "--run", description = "run the script on --pcap or --items after answering")
    boolean run;

    @ArgGroup(exclusive = true)
    Input input;

    /** At most one traffic file: the dry-run sample and the --run input. */
    static final class Input {
        @Option(names = "--pcap", paramLabel = "FILE", description = "a pcap or pcapng capture")
        Path pcap;

        @Option(names = "--items", paramLabel = "FILE", description = "items as JSON lines")
        Path items;
    }

    @Option(
            names = "--pods",
            paramLabel = "PODS.yaml",
            description = "pod inventory (kubectl get pods -A -o yaml) for onPodEvent")
    Path pods;

    @Option(
            names = "--policies",
            paramLabel = "FILE",
            description =
                    "NetworkPolicies (kubectl get networkpolicy -A -o yaml|json) as env POLICIES")
    Path policies;

    @Option(names = "--env", paramLabel = "K=V", description = "script environment (repeatable)")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(
            names = "--llm-base-url",
            paramLabel = "URL",
            description =
                    "OpenAI-compatible or Ollama server; key from NETINSIGHTS_LLM_API_KEY or OPENAI_API_KEY")
    String llmBaseUrl;

    @Option(
            names = "--model",
            paramLabel = "NAME",
            description = "model name (with --llm-base-url)")
    String model;

    @Option(
            names = "--llm-provider",
            paramLabel = "openai|ollama",
            description = "API of the server (default: from the URL)")
    String provider;

    @Option(names = "--prefer-model", description = "ask the model even when a template fits")
    boolean preferModel;

    @Option(
            names = "--node",
            paramLabel = "NAME",
            defaultValue = "node-1",
            description = "node name of items read from a capture (default ${DEFAULT-VALUE})")
    String node;

    @Option(
            names = "--budget-ms",
            paramLabel = "MS",
            defaultValue = "30000",
            description = "wall-clock budget of the dry run (default ${DEFAULT-VALUE})")
    long budgetMillis;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (run && input == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--run needs --pcap or --items");
        }
        if ((llmBaseUrl == null) != (model == null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--llm-base-url and --model go together");
        }
        if (policies != null) {
            env.put("POLICIES", policiesJson(policies));
        }
        List<ApiItem> items = input == null ? null : readItems();
        List<String> podList = pods == null ? null : PodList.read(pods);
        AskOptions.Builder b =
                AskOptions.builder()
                        .env(env)
                        .sampleItems(items)
                        .pods(podList)
                        .dryRunBudget(Duration.ofMillis(budgetMillis))
                        .preferModel(preferModel);
        if (llmBaseUrl != null) {
            b.model(
                    new Langchain4jChatClient(
                            LlmSettings.of(llmBaseUrl, model, provider, System.getenv())));
        }
        AskOptions options = b.build();
        PrintWriter o = spec.commandLine().getOut();
        Assistant assistant = Assistant.standard();
        if (question == null) {
            return interactive(assistant, options, items, podList, o);
        }
        Answer a = assistant.ask(question, options);
        print(a, o);
        if (!a.hasScript()) {
            return Main.EXIT_ERROR;
        }
        save(a, out);
        return run ? runScript(a, items, podList) : 0;
    }

    private int interactive(
            Assistant assistant,
            AskOptions options,
            List<ApiItem> items,
            List<String> podList,
            PrintWriter o)
            throws Exception {
        o.println(
                "Ask a question about your traffic; follow-ups refine the last script"
                        + " (\"only namespace shop\", \"every minute instead\"). Commands: show, save FILE, run, new, quit.");
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Answer last = null;
        String line;
        while (true) {
            o.print("ask> ");
            o.flush();
            if ((line = in.readLine()) == null) {
                break;
            }
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.equals("quit") || t.equals("exit")) {
                break;
            }
            if (t.equals("new")) {
                last = null;
            } else if (t.equals("show")) {
                o.println(last != null && last.hasScript() ? last.code() : "no script yet");
            } else if (t.startsWith("save ")) {
                save(last, Path.of(t.substring(5).strip()));
            } else if (t.equals("run")) {
                if (last != null && last.hasScript() && input != null) {
                    runScript(last, items, podList);
                } else {
                    o.println("run needs a script and ask started with --pcap or --items");
                }
            } else {
                try {
                    Answer a =
                            last != null && last.hasScript()
                                    ? assistant.refine(last, t, options)
                                    : assistant.ask(t, options);
                    print(a, o);
                    last = a.hasScript() ? a : last;
                } catch (IllegalArgumentException e) {
                    o.println("netinsights: " + e.getMessage());
                }
            }
        }
        return 0;
    }

    private void print(Answer a, PrintWriter o) {
        if (a.hasScript()) {
            o.println(a.code().stripTrailing());
            o.println();
        }
        for (String l : a.summary().split("\n")) {
            o.println("# " + l);
        }
        o.flush();
    }

    private void save(Answer a, Path file) throws IOException {
        if (file == null) {
            return;
        }
        if (a == null || !a.hasScript()) {
            throw new Errors.UserError("no script to write to " + file);
        }
        Files.writeString(file, a.code(), StandardCharsets.UTF_8);
        spec.commandLine().getErr().println("wrote " + file);
    }

    /**
     * Runs the answer like {@code run} does (embedded Flink); with --pods, on the dry-run runner,
     * which also delivers pod events.
     */
    private int runScript(Answer a, List<ApiItem> items, List<String> podList) throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (podList == null) {
            Path script = out != null ? out : Files.createTempFile("netinsights-ask-", ".js");
            Files.writeString(script, a.code(), StandardCharsets.UTF_8);
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    script.toString(),
                                    input.pcap != null ? "--pcap" : "--items",
                                    (input.pcap != null ? input.pcap : input.items).toString(),
                                    "--node",
                                    node));
            env.forEach((k, v) -> args.addAll(List.of("--env", k + "=" + v)));
            CommandLine runner = new CommandLine(new RunCommand());
            runner.setOut(o);
            runner.setErr(err);
            runner.setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
            return runner.execute(args.toArray(new String[0]));
        }
        RunResult r =
                new LocalRunner(
                                ScriptConfig.builder().env(env).build(),
                                Duration.ofMillis(Math.max(budgetMillis, 60_000)))
                        .run(new ScriptSource("answer.js", a.code()), items, podList);
        for (ConsoleLine l : r.console()) {
            ConsolePrinter.print(l, o, err);
        }
        for (SinkRequest s : r.sinkRequests()) {
            ConsolePrinter.print(new SinkNotice().map(s), o, err);
        }
        if (r.loadError() != null || r.timedOut()) {
            throw new Errors.UserError(r.problems());
        }
        return 0;
    }

    private List<ApiItem> readItems() throws IOException {
        Path file = input.pcap != null ? input.pcap : input.items;
        Inputs.checkReadable(file, input.pcap != null);
        Iterator<ApiItem> it =
                input.pcap != null
                        ? Inputs.pcapFactory(node).open(file.toString())
                        : JsonLinesItemReader.factory().open(file.toString());
        List<ApiItem> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    static String policiesJson(Path file) {
        try {
            Object tree =
                    new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Object.class);
            return ItemJson.write(tree);
        } catch (IOException e) {
            throw new Errors.UserError("cannot read policies " + file + ": " + e.getMessage());
        }
    }
}
