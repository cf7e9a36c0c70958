package io.netinsights.cli;

import io.netinsights.jobs.ScriptJob;
import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.jobs.kafka.KafkaOptions;
import io.netinsights.jobs.kafka.KafkaScriptJob;
import io.netinsights.jobs.sinks.SinkEnvironment;
import io.netinsights.jobs.sinks.SinkRouter;
import io.netinsights.schemas.ConsoleLine;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** Options of {@code run --kafka}: topics, start position, time and checkpointing. */
final class KafkaRunOptions {
    @Option(
            names = "--console-topic",
            defaultValue = "console",
            description = "console topic (default ${DEFAULT-VALUE})")
    String consoleTopic;

    @Option(
            names = "--reports-topic",
            defaultValue = "reports",
            description = "reports topic (default ${DEFAULT-VALUE})")
    String reportsTopic;

    @Option(names = "--group", defaultValue = "netinsights-script", description = "consumer group")
    String group;

    @Option(
            names = "--event-time",
            description = "jobs follow item timestamps (replays) instead of the clock")
    boolean eventTime;

    @picocli.CommandLine.Mixin KafkaInputOptions input = new KafkaInputOptions();

    void run(
            ScriptJobOptions script,
            String bootstrap,
            int parallelism,
            PrintWriter out,
            PrintWriter err)
            throws Exception {
        KafkaOptions kafka =
                input.kafka(
                        bootstrap,
                        group,
                        b -> b.consoleTopic(consoleTopic).reportsTopic(reportsTopic));
        StreamExecutionEnvironment env = input.environment(group, parallelism, err);
        ScriptJob.Outputs outputs = KafkaScriptJob.build(env, script, kafka);
        // vendor.* calls are delivered; what cannot be goes to the dead-letter topic.
        SinkRouter.attach(
                outputs.sinkRequests(),
                SinkEnvironment.builder(System.getenv())
                        .deadLetterSink(KafkaScriptJob.deadLetterSink(kafka))
                        .build());
        try (AvroTopicReader<ConsoleLine> console =
                new AvroTopicReader<>(bootstrap, consoleTopic, ConsoleLine.class)) {
            FollowedJob.run(
                    env,
                    "netinsights " + script.script().title(),
                    console,
                    line -> {
                        if (LogsCommand.matches(line, script.script().fileName())) {
                            ConsolePrinter.print(line, out, err);
                        }
                    },
                    err);
        }
    }
}
