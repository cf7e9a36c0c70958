package io.netinsights.cli;

import io.netinsights.jobs.kafka.KafkaOptions;
import io.netinsights.jobs.reports.ReportKafkaJob;
import io.netinsights.jobs.reports.ReportOptions;
import io.netinsights.jobs.reports.ReportRecords;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;

/** Options of {@code report --kafka}: topics, start position and checkpointing. */
final class ReportKafkaOptions {
    @Option(
            names = "--items-topic",
            defaultValue = "items",
            description = "items topic (default ${DEFAULT-VALUE})")
    String itemsTopic;

    @Option(
            names = "--records-topic",
            defaultValue = ReportKafkaJob.DEFAULT_RECORDS_TOPIC,
            description = "topic of the Avro report records (default ${DEFAULT-VALUE})")
    String recordsTopic;

    @Option(
            names = "--dead-letter-topic",
            defaultValue = "dead-letters",
            description = "topic of undecodable items (default ${DEFAULT-VALUE})")
    String deadLetterTopic;

    @Option(
            names = "--group",
            defaultValue = "netinsights-reports",
            description = "consumer group (default ${DEFAULT-VALUE})")
    String group;

    @Option(
            names = "--from",
            defaultValue = "latest",
            paramLabel = "earliest|latest",
            description = "where a new consumer group starts (default ${DEFAULT-VALUE})")
    String from;

    @Option(names = "--until-end", description = "stop at the offsets that are latest at start")
    boolean untilEnd;

    @picocli.CommandLine.Mixin CheckpointOptions checkpoints = new CheckpointOptions();

    /** Runs the report job on Kafka and prints records as they are committed. */
    void run(
            ReportOptions options,
            String bootstrap,
            int parallelism,
            PrintWriter out,
            PrintWriter err)
            throws Exception {
        KafkaOptions kafka;
        try {
            kafka =
                    KafkaOptions.builder(bootstrap)
                            .itemsTopic(itemsTopic)
                            .deadLetterTopic(deadLetterTopic)
                            .groupId(group)
                            .startFrom(
                                    KafkaOptions.StartFrom.valueOf(from.toUpperCase(Locale.ROOT)))
                            .bounded(untilEnd)
                            .transactionalIdPrefix("netinsights-" + group)
                            .build();
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError("bad Kafka options: " + e.getMessage());
        }
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        checkpoints
                .configure(conf, group, untilEnd)
                .ifPresent(p -> err.println("resuming from checkpoint " + p));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        ReportKafkaJob.build(env, options, kafka, recordsTopic);
        try (AvroTopicReader<ReportRecord> records =
                new AvroTopicReader<>(bootstrap, recordsTopic, ReportRecord.class)) {
            FollowedJob.run(
                    env,
                    "netinsights report (kafka)",
                    records,
                    r -> {
                        out.println(ReportRecords.format(r));
                        out.flush();
                    },
                    err);
        }
    }
}
