package io.netinsights.cli;

import io.netinsights.jobs.ScriptJob;
import io.netinsights.jobs.config.PolicyFiles;
import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.jobs.sinks.SinkNotice;
import io.netinsights.jobs.sources.ItemFileSource;
import io.netinsights.jobs.sources.ItemReaderFactory;
import io.netinsights.jobs.sources.JsonLinesItemReader;
import io.netinsights.js.ScriptConfig;
import io.netinsights.js.ScriptSource;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ConsoleLine;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code run SCRIPT.js (--pcap FILE | --items FILE.jsonl)}: runs a script on an embedded Flink
 * MiniCluster over a capture or an items file and prints console lines as they come, prefixed with
 * the instance ({@code [node-1]}, {@code [hub]}).
 */
@Command(name = "run", description = "Run a script on a capture or items file, embedded.")
final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT.js", description = "the script to run")
    Path script;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TrafficInput input;

    @picocli.CommandLine.Mixin KafkaRunOptions kafkaOptions = new KafkaRunOptions();

    @Option(names = "--env", paramLabel = "K=V", description = "script environment (repeatable)")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "1",
            description = "worker parallelism (default ${DEFAULT-VALUE})")
    int parallelism;

    @Option(
            names = "--key-by",
            paramLabel = "node|namespace|pod",
            defaultValue = "node",
            description = "what a worker instance is (default ${DEFAULT-VALUE})")
    String keyBy;

    @Option(
            names = "--node",
            paramLabel = "NAME",
            defaultValue = "node-1",
            description = "node name of items read from a capture (default ${DEFAULT-VALUE})")
    String node;

    @Option(
            names = "--budget-ms",
            paramLabel = "MS",
            defaultValue = "2000",
            description = "time budget of one hook or job call (default ${DEFAULT-VALUE})")
    long budgetMillis;

    @Option(
            names = "--policies",
            paramLabel = "FILE",
            description = "NetworkPolicy objects (YAML/JSON) for the policy.* helper")
    Path policies;

    @Option(
            names = "--pods",
            paramLabel = "FILE",
            description =
                    "pods and namespaces (kubectl get -A -o yaml) that policy.* resolves IPs with")
    Path pods;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (parallelism < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--parallelism must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScriptSource source = ScriptChecks.read(script);
        ScriptConfig config =
                ScriptConfig.builder()
                        .env(env)
                        .budgetMillis(budgetMillis)
                        .policy(policyFiles())
                        .build();
        ScriptChecks.check(source, config, err);
        ScriptJobOptions options =
                ScriptJobOptions.builder(source)
                        .scriptConfig(config)
                        .keyBy(parseKeyBy(keyBy))
                        .timeMode(
                                input.kafka != null && !kafkaOptions.eventTime
                                        ? ScriptJobOptions.TimeMode.PROCESSING
                                        : ScriptJobOptions.TimeMode.EVENT)
                        .build();
        if (input.kafka != null) {
            kafkaOptions.run(options, input.kafka, parallelism, out, err);
            return 0;
        }
        Path file = input.pcap != null ? input.pcap : input.items;
        ItemReaderFactory factory =
                input.pcap != null ? Inputs.pcapFactory(node) : JsonLinesItemReader.factory();
        Inputs.checkReadable(file, input.pcap != null);
        run(options, file, factory, out, err);
        return 0;
    }

    private void run(
            ScriptJobOptions options,
            Path file,
            ItemReaderFactory factory,
            PrintWriter out,
            PrintWriter err)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        DataStream<ApiItem> items =
                env.fromSource(
                                new ItemFileSource(
                                        List.of(file.toAbsolutePath().toString()), factory),
                                ScriptJob.watermarks(options),
                                "items")
                        .uid("item-source")
                        .setParallelism(1);
        ScriptJob.Outputs outputs = ScriptJob.build(items, options);
        DataStream<ConsoleLine> all =
                outputs.console().union(outputs.sinkRequests().map(new SinkNotice()));
        try (CloseableIterator<ConsoleLine> it =
                all.executeAndCollect("netinsights " + options.script().title())) {
            while (it.hasNext()) {
                ConsolePrinter.print(it.next(), out, err);
            }
        }
        out.flush();
        err.flush();
    }

    static ScriptJobOptions.KeyBy parseKeyBy(String s) {
        try {
            return ScriptJobOptions.KeyBy.valueOf(s.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError("--key-by must be node, namespace or pod, not " + s);
        }
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }

    /** The policy helper's files, parsed once here so that a bad file stops the run at once. */
    private PolicyFiles policyFiles() throws IOException {
        if (policies == null) {
            if (pods != null) {
                throw new Errors.UserError("--pods is only used with --policies");
            }
            return null;
        }
        try {
            return new PolicyFiles(
                            Files.readString(policies),
                            pods == null ? null : Files.readString(pods))
                    .check();
        } catch (NoSuchFileException e) {
            throw new Errors.UserError("no such file: " + e.getFile());
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError("bad --policies or --pods: " + e.getMessage());
        }
    }
}
