package io.netinsights.cli;

import io.netinsights.jobs.ScriptJob;
import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.jobs.kafka.KafkaOptions;
import io.netinsights.jobs.kafka.KafkaScriptJob;
import io.netinsights.jobs.sinks.SinkEnvironment;
import io.netinsights.jobs.sinks.SinkRouter;
import io.netinsights.schemas.ConsoleLine;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;

/** Options of {@code run --kafka}: topics, start position, time and checkpointing. */
final class KafkaRunOptions {
    @Option(
            names = "--items-topic",
            defaultValue = "items",
            description = "items topic (default ${DEFAULT-VALUE})")
    String itemsTopic;

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

    @Option(
            names = "--dead-letter-topic",
            defaultValue = "dead-letters",
            description = "topic of undecodable items (default ${DEFAULT-VALUE})")
    String deadLetterTopic;

    @Option(names = "--group", defaultValue = "netinsights-script", description = "consumer group")
    String group;

    @Option(
            names = "--from",
            defaultValue = "latest",
            paramLabel = "earliest|latest",
            description = "where a new consumer group starts (default ${DEFAULT-VALUE})")
    String from;

    @Option(
            names = "--event-time",
            description = "jobs follow item timestamps (replays) instead of the clock")
    boolean eventTime;

    @Option(names = "--until-end", description = "stop at the offsets that are latest at start")
    boolean untilEnd;

    @picocli.CommandLine.Mixin CheckpointOptions checkpoints = new CheckpointOptions();

    void run(
            ScriptJobOptions script,
            String bootstrap,
            int parallelism,
            PrintWriter out,
            PrintWriter err)
            throws Exception {
        KafkaOptions.StartFrom start;
        try {
            start = KafkaOptions.StartFrom.valueOf(from.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError("--from must be earliest or latest, not " + from);
        }
        KafkaOptions kafka;
        try {
            kafka =
                    KafkaOptions.builder(bootstrap)
                            .itemsTopic(itemsTopic)
                            .consoleTopic(consoleTopic)
                            .reportsTopic(reportsTopic)
                            .deadLetterTopic(deadLetterTopic)
                            .groupId(group)
                            .startFrom(start)
                            .bounded(untilEnd)
                            .transactionalIdPrefix("netinsights-" + group)
                            .build();
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError(e.getMessage());
        }
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        checkpoints
                .configure(conf, group, untilEnd)
                .ifPresent(p -> err.println("resuming from checkpoint " + p));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
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
