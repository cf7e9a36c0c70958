package io.netinsights.jobs.bench;

import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.jobs.kafka.KafkaOptions;
import io.netinsights.jobs.kafka.KafkaScriptJob;
import io.netinsights.js.JsEngineHolder;
import io.netinsights.js.ScriptSource;
import io.netinsights.kafka.LocalKafka;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.Protocol;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Bench command (not a unit test): Kafka Avro items in, the example scripts, console and report
 * topics out, exactly once, at parallelism 1. Prints items/s of wall time and per CPU second of the
 * whole process (broker, producer-free run, Flink and GraalJS share the cores).
 *
 * <p>Usage: {@code java -cp <test classpath> io.netinsights.jobs.bench.KafkaPipelineBench [items]
 * [examples dir] [event|processing]}.
 */
public final class KafkaPipelineBench {
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private KafkaPipelineBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        Path examples = Path.of(args.length > 1 ? args[1] : "../examples");
        ScriptJobOptions.TimeMode mode =
                ScriptJobOptions.TimeMode.valueOf(
                        (args.length > 2 ? args[2] : "event").toUpperCase(java.util.Locale.ROOT));
        List<String> scripts =
                List.of(
                        "top-dns-consumers.js",
                        "http-status-per-service.js",
                        "slow-requests.js",
                        "external-connections.js",
                        "webhook-on-500.js");
        System.out.printf(
                "# JDK %s, JS runtime %s, %d items, %s time%n",
                Runtime.version(), JsEngineHolder.runtimeName(), n, mode);
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopics(1, "items");
            produce(kafka.bootstrapServers(), n);
            run(kafka, examples.resolve(scripts.get(0)), n, "warmup", mode);
            for (String s : scripts) {
                run(kafka, examples.resolve(s), n, s, mode);
            }
        }
    }

    private static void run(
            LocalKafka kafka, Path script, int n, String label, ScriptJobOptions.TimeMode mode)
            throws Exception {
        String tag = label.replaceAll("[^a-z0-9]", "-");
        kafka.createTopics(1, "console-" + tag, "reports-" + tag, "dead-" + tag);
        KafkaOptions options =
                KafkaOptions.builder(kafka.bootstrapServers())
                        .consoleTopic("console-" + tag)
                        .reportsTopic("reports-" + tag)
                        .deadLetterTopic("dead-" + tag)
                        .groupId("bench-" + tag)
                        .transactionalIdPrefix("bench-" + tag)
                        .bounded(true)
                        .build();
        // Event-time workers hold items until the watermark passes them; at this rate that is
        // more state than the JobManager's in-memory checkpoint storage takes.
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Files.createTempDirectory("bench-checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(5_000);
        KafkaScriptJob.build(
                env,
                ScriptJobOptions.builder(ScriptSource.read(script)).timeMode(mode).build(),
                options);
        var os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        env.execute("bench " + label);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf(
                "%-28s %8.1f s wall %8.0f items/s   %8.1f CPU s %8.0f items per CPU second"
                        + "   %d console lines (%d records incl. uncommitted)%n",
                label,
                wall,
                n / wall,
                cpu,
                n / cpu,
                count(kafka.bootstrapServers(), "console-" + tag, true),
                count(kafka.bootstrapServers(), "console-" + tag, false));
    }

    /** Records in a topic (committed ones only, or all), as a check that the run did its work. */
    private static long count(String bootstrap, String topic, boolean committed) {
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(
                        Map.of(
                                "bootstrap.servers",
                                bootstrap,
                                "isolation.level",
                                committed ? "read_committed" : "read_uncommitted"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long records = 0;
            while (c.position(tp) < end) {
                records += c.poll(java.time.Duration.ofMillis(500)).count();
            }
            return records;
        }
    }

    private static void produce(String bootstrap, int n) throws Exception {
        SpecificDatumWriter<ApiItem> writer = new SpecificDatumWriter<>(ApiItem.class);
        try (KafkaProducer<byte[], byte[]> p =
                new KafkaProducer<>(
                        Map.of(
                                "bootstrap.servers", bootstrap,
                                "acks", "all",
                                "linger.ms", "20",
                                "batch.size", "262144"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder enc = null;
            for (int i = 0; i < n; i++) {
                ApiItem item = item(i);
                bytes.reset();
                enc = EncoderFactory.get().binaryEncoder(bytes, enc);
                writer.write(item, enc);
                enc.flush();
                p.send(
                        new ProducerRecord<>(
                                "items",
                                null,
                                item.getTimestamp(),
                                item.getNode().getName().getBytes(),
                                bytes.toByteArray()));
            }
        }
    }

    /** A mix of HTTP and DNS items from 3 nodes, 40 clients, 20 services, some slow or 5xx. */
    static ApiItem item(int i) {
        boolean dns = i % 4 == 0;
        String node = "node-" + (i % 3);
        String client = "client-" + (i % 40);
        String svc = "svc-" + (i % 20);
        int status = i % 50 == 0 ? 503 : 200;
        return ApiItem.newBuilder()
                .setId("i" + i)
                .setNode(new NodeInfo("10.0.0." + (i % 3), node))
                .setTimestamp(T0 + i * 2L)
                .setProtocol(
                        dns
                                ? Protocol.newBuilder().setName("dns").setAbbr("DNS").build()
                                : Protocol.newBuilder().setName("http").setAbbr("HTTP").build())
                .setSrc(
                        Endpoint.newBuilder()
                                .setIp("10.1.0." + (i % 40))
                                .setPort("40000")
                                .setName(client)
                                .build())
                .setDst(
                        Endpoint.newBuilder()
                                .setIp(i % 97 == 0 ? "93.184.216.34" : "10.2.0." + (i % 20))
                                .setPort(dns ? "53" : "80")
                                .setName(svc)
                                .build())
                .setRequest(
                        dns
                                ? "{\"questions\":[{\"name\":\""
                                        + svc
                                        + ".local\",\"type\":\"A\"}]}"
                                : "{\"method\":\"GET\",\"path\":\"/api/v1/items\",\"url\":\"/api/v1/items?x=1\","
                                        + "\"headers\":{\"Host\":\""
                                        + svc
                                        + "\",\"User-Agent\":\"bench\",\"Accept\":\"*/*\"}}")
                .setResponse(
                        dns
                                ? "{\"code\":\"NoError\",\"answers\":[]}"
                                : "{\"status\":"
                                        + status
                                        + ",\"statusText\":\"OK\",\"headers\":{\"Content-Type\":\"application/json\"}}")
                .setElapsedTime(i % 100 == 0 ? 900 : 5)
                .build();
    }
}
