package io.netinsights.cli;

import io.netinsights.schemas.ConsoleLine;

import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code logs NAME --kafka BOOTSTRAP}: prints a script job's console lines from the console topic
 * (Avro {@code ConsoleLine}, written by the job's console sink) as {@code [instance] text}, and
 * follows new ones until interrupted unless {@code --no-follow}.
 */
@Command(name = "logs", description = "Print (and follow) a script job's console lines from Kafka.")
final class LogsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "job name or script file name")
    String name;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default ${DEFAULT-VALUE})")
    String kafka;

    @Option(
            names = "--console-topic",
            paramLabel = "TOPIC",
            defaultValue = "console",
            description = "console topic (default ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--no-follow", description = "stop at the end of the topic")
    boolean noFollow;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    private final SpecificDatumReader<ConsoleLine> reader =
            new SpecificDatumReader<>(ConsoleLine.class);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Exactly-once jobs write console lines in transactions committed on checkpoints; lines
        // of an aborted transaction are written again after the restore and must show only once.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new Errors.UserError("no console topic " + topic + " on " + kafka);
            }
            List<TopicPartition> parts =
                    infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    ConsoleLine line = decode(r.value());
                    if (matches(line, name)) {
                        out.println(format(line));
                    }
                }
                out.flush();
                if (noFollow && parts.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                    return 0;
                }
            }
        }
    }

    ConsoleLine decode(byte[] value) throws IOException {
        return reader.read(null, DecoderFactory.get().binaryDecoder(value, null));
    }

    /** A line belongs to job NAME when its script is NAME, NAME.js or a file NAME derives from. */
    static boolean matches(ConsoleLine line, String name) {
        String script = line.getScript().toString();
        return script.equals(name)
                || script.equals(name + ".js")
                || DeployJobSpec.nameFromFile(script).equals(name);
    }

    static String format(ConsoleLine line) {
        return "[" + line.getInstance() + "] " + line.getText();
    }
}
