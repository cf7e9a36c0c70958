package io.netinsights.cli;

import io.netinsights.jobs.kafka.KafkaOptions;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The options every job on Kafka reads its input with ({@code run --kafka}, {@code report
 * --kafka}): the items and dead-letter topics, where a new group starts and whether to stop at the
 * end, and checkpointing; and the embedded environment those jobs run in.
 */
final class KafkaInputOptions {
    @Option(
            names = "--items-topic",
            defaultValue = "items",
            description = "items topic (default ${DEFAULT-VALUE})")
    String itemsTopic;

    @Option(
            names = "--dead-letter-topic",
            defaultValue = "dead-letters",
            description = "topic of undecodable items (default ${DEFAULT-VALUE})")
    String deadLetterTopic;

    @Option(
            names = "--from",
            defaultValue = "latest",
            paramLabel = "earliest|latest",
            description = "where a new consumer group starts (default ${DEFAULT-VALUE})")
    String from;

    @Option(names = "--until-end", description = "stop at the offsets that are latest at start")
    boolean untilEnd;

    @Mixin CheckpointOptions checkpoints = new CheckpointOptions();

    /** The Kafka options of group {@code group}, with the caller's output topics added. */
    KafkaOptions kafka(String bootstrap, String group, UnaryOperator<KafkaOptions.Builder> more) {
        KafkaOptions.StartFrom start;
        try {
            start = KafkaOptions.StartFrom.valueOf(from.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError("--from must be earliest or latest, not " + from);
        }
        try {
            return more.apply(
                            KafkaOptions.builder(bootstrap)
                                    .itemsTopic(itemsTopic)
                                    .deadLetterTopic(deadLetterTopic)
                                    .groupId(group)
                                    .startFrom(start)
                                    .bounded(untilEnd)
                                    .transactionalIdPrefix("netinsights-" + group))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError("bad Kafka options: " + e.getMessage());
        }
    }

    /** An embedded environment checkpointing to the group's directory, resuming if it can. */
    StreamExecutionEnvironment environment(String group, int parallelism, PrintWriter err) {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        checkpoints
                .configure(conf, group, untilEnd)
                .ifPresent(p -> err.println("resuming from checkpoint " + p));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }
}
