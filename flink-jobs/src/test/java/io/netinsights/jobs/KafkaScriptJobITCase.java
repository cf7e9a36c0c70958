package io.netinsights.jobs;

import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.jobs.kafka.KafkaOptions;
import io.netinsights.jobs.kafka.KafkaScriptJob;
import io.netinsights.js.ScriptSource;
import io.netinsights.kafka.LocalKafka;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.DeadLetter;
import io.netinsights.schemas.testing.TestItems;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static io.netinsights.schemas.testing.TestItems.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The script job on a real Kafka broker: output topics, dead letters, and recovery after a crash.
 */
class KafkaScriptJobITCase {
    private static final int ITEMS = 12_000;

    @RegisterExtension
    static final MiniClusterExtension MINI =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static LocalKafka kafka;
    private static Map<String, Integer> expected;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = LocalKafka.start();
        kafka.createTopics(2, "items");
        expected = new TreeMap<>();
        try (KafkaProducer<byte[], byte[]> p =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            for (int i = 0; i < ITEMS; i++) {
                String node = "node-" + (i % 3);
                String client = "c" + (i % 7) + (i % 11 == 0 ? "x" : "");
                long ts = T0 + i * 20L;
                ApiItem item = TestItems.dns("i" + i, node, client, ts);
                expected.merge(client, 1, Integer::sum);
                p.send(new ProducerRecord<>("items", null, ts, node.getBytes(), avro(item)));
                if (i == ITEMS / 2) {
                    p.send(new ProducerRecord<>("items", null, ts, null, "garbage".getBytes()));
                }
            }
        }
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void itemsFromKafkaGiveReportsConsoleAndDeadLetters() throws Exception {
        KafkaOptions options = options("plain");
        execute(options, false);
        List<ConsoleLine> reports = read(options.reportsTopic(), ConsoleLine.class);
        assertThat(reports).isNotEmpty().allMatch(l -> l.getInstance().equals("hub"));
        assertThat(reports.get(reports.size() - 1).getText()).isEqualTo(expectedLine());
        List<ConsoleLine> console = read(options.consoleTopic(), ConsoleLine.class);
        assertThat(console)
                .extracting(ConsoleLine::getText)
                .containsAll(
                        reports.stream().map(ConsoleLine::getText).collect(Collectors.toList()));
        List<DeadLetter> dead = read(options.deadLetterTopic(), DeadLetter.class);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getReason()).startsWith("not an Avro ApiItem");
        assertThat(new String(dead.get(0).getPayload().array())).isEqualTo("garbage");
    }

    @Test
    void aCrashMidStreamRecoversToTheSameReportsExactlyOnce() throws Exception {
        KafkaOptions straight = options("straight");
        execute(straight, false);
        List<String> want = texts(read(straight.reportsTopic(), ConsoleLine.class));

        KafkaOptions crashed = options("crashed");
        FailOnce.armed.set(true);
        FailOnce.failed.set(false);
        execute(crashed, true);
        assertThat(FailOnce.failed).as("the task failed once mid-stream").isTrue();
        List<String> got = texts(read(crashed.reportsTopic(), ConsoleLine.class));
        assertThat(got).isEqualTo(want);
        assertThat(got.get(got.size() - 1)).isEqualTo(expectedLine());
    }

    private static String expectedLine() {
        int sum = expected.values().stream().mapToInt(Integer::intValue).sum();
        return "total="
                + sum
                + " "
                + expected.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
    }

    private static KafkaOptions options(String run) throws Exception {
        kafka.createTopics(1, "console-" + run, "reports-" + run, "dead-" + run);
        return KafkaOptions.builder(kafka.bootstrapServers())
                .consoleTopic("console-" + run)
                .reportsTopic("reports-" + run)
                .deadLetterTopic("dead-" + run)
                .groupId("group-" + run)
                .transactionalIdPrefix("tx-" + run)
                .bounded(true)
                .build();
    }

    /** Runs the job; with {@code crash}, one task fails after a checkpoint completed. */
    private static void execute(KafkaOptions options, boolean crash) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(300);
        ScriptJobOptions script =
                ScriptJobOptions.builder(
                                ScriptSource.read(
                                        Path.of("src/test/resources/hooks/client-counts.js")))
                        .build();
        KafkaScriptJob.build(
                env,
                script,
                options,
                items ->
                        crash
                                ? items.map(new FailOnce())
                                        .returns(new AvroTypeInfo<>(ApiItem.class))
                                        .uid("fail-once")
                                : items);
        JobClient job = env.executeAsync("kafka-script-" + options.consoleTopic());
        job.getJobExecutionResult().get();
    }

    /**
     * Fails its task once, after at least one checkpoint completed and some items went by, so the
     * job restarts from that checkpoint with output already committed.
     */
    static final class FailOnce implements MapFunction<ApiItem, ApiItem>, CheckpointListener {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean armed = new AtomicBoolean();
        static final AtomicBoolean failed = new AtomicBoolean();
        private transient boolean checkpointed;
        private transient long seen;

        @Override
        public ApiItem map(ApiItem item) throws InterruptedException {
            seen++;
            if (armed.get()) {
                // Slow down until the fault, so a checkpoint completes mid-stream even when
                // the machine is fast.
                Thread.sleep(1);
                if (checkpointed && seen > 500 && armed.compareAndSet(true, false)) {
                    failed.set(true);
                    throw new IllegalStateException("fault injected by the test");
                }
            }
            return item;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }

    private static List<String> texts(List<ConsoleLine> lines) {
        return lines.stream().map(ConsoleLine::getText).collect(Collectors.toList());
    }

    private static <T extends SpecificRecord> List<T> read(String topic, Class<T> type)
            throws Exception {
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(
                        Map.of(
                                "bootstrap.servers", kafka.bootstrapServers(),
                                "isolation.level", "read_committed",
                                "auto.offset.reset", "earliest",
                                "enable.auto.commit", "false"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            var partitions =
                    c.partitionsFor(topic).stream()
                            .map(
                                    p ->
                                            new org.apache.kafka.common.TopicPartition(
                                                    topic, p.partition()))
                            .collect(Collectors.toList());
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(partitions);
            long idle = 0;
            while (idle < 3) {
                var records = c.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    boolean done = partitions.stream().allMatch(p -> c.position(p) >= end.get(p));
                    idle = done ? idle + 1 : 0;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    out.add(reader.read(null, DecoderFactory.get().binaryDecoder(r.value(), null)));
                }
            }
        }
        return out;
    }

    private static byte[] avro(ApiItem item) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(ApiItem.class).write(item, enc);
        enc.flush();
        return bytes.toByteArray();
    }
}
