package io.netinsights.cli;

import io.netinsights.jobs.kafka.KafkaOptions;
import io.netinsights.jobs.reports.ReportKafkaJob;
import io.netinsights.jobs.reports.ReportOptions;
import io.netinsights.jobs.reports.ReportRecords;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** Options of {@code report --kafka}: topics, start position and checkpointing. */
final class ReportKafkaOptions {
    @Option(
            names = "--records-topic",
            defaultValue = ReportKafkaJob.DEFAULT_RECORDS_TOPIC,
            description = "topic of the Avro report records (default ${DEFAULT-VALUE})")
    String recordsTopic;

    @Option(
            names = "--group",
            defaultValue = "netinsights-reports",
            description = "consumer group (default ${DEFAULT-VALUE})")
    String group;

    @picocli.CommandLine.Mixin KafkaInputOptions input = new KafkaInputOptions();

    /** Runs the report job on Kafka and prints records as they are committed. */
    void run(
            ReportOptions options,
            String bootstrap,
            int parallelism,
            PrintWriter out,
            PrintWriter err)
            throws Exception {
        KafkaOptions kafka = input.kafka(bootstrap, group, b -> b);
        StreamExecutionEnvironment env = input.environment(group, parallelism, err);
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
