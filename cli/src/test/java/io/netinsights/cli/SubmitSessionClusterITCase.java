package io.netinsights.cli;

import io.netinsights.cli.testutils.LocalFlinkCluster;
import io.netinsights.kafka.LocalKafka;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.testing.TestItems;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code submit --target http://...} on a real standalone session cluster ({@link
 * LocalFlinkCluster}) with the shaded job jar: the top-DNS example counts items from Kafka, {@code
 * list} shows it running, {@code logs} prints its report, and after {@code stop --savepoint} and
 * {@code submit --from-savepoint} the counts go on from where they stopped.
 *
 * <p>Needs {@code flink-jobs/target/flink-jobs-*-job.jar}, which {@code package} of flink-jobs
 * builds before cli's tests in a reactor {@code mvn verify}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SubmitSessionClusterITCase {
    private static final String NAME = "top-dns-consumers";
    private static final Path SCRIPT = Path.of("..", "examples", NAME + ".js");
    private static final Duration REPORT_WAIT = Duration.ofSeconds(90);

    private static LocalKafka kafka;
    private static LocalFlinkCluster cluster;

    /** A failing step shows why the cluster side failed: the JobManager/TaskManager logs. */
    @RegisterExtension
    static final TestExecutionExceptionHandler CLUSTER_LOGS =
            (context, failure) -> {
                if (cluster != null) {
                    failure.addSuppressed(
                            new ClusterLogs(
                                    topicEnds() + cluster.describeJobs() + cluster.logTails(80)));
                }
                throw failure;
            };

    @BeforeAll
    static void start() throws Exception {
        kafka = LocalKafka.start();
        kafka.createTopics(2, "items");
        kafka.createTopics(1, "console", "reports", "dead-letters", "pod-events");
        cluster =
                LocalFlinkCluster.start(
                        Path.of("target", "flink-session-cluster"), Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        Exception failure = null;
        for (AutoCloseable c : new AutoCloseable[] {cluster, kafka}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Test
    void submitListLogsStopWithSavepointAndResume() throws Exception {
        String target = cluster.restUrl();
        CliResult submitted = submit(target);
        assertThat(submitted.out()).contains("submitted " + NAME + ": job ");
        awaitListed(target, "RUNNING");
        awaitConsuming();
        produce(Map.of("client-a", 200, "client-b", 100), 0);
        String before =
                awaitLogs(
                        lines ->
                                lines.contains("[hub] 1. client-a: 200 queries")
                                        && lines.contains("[hub] 2. client-b: 100 queries"));
        assertThat(before).contains("[hub] Top 5 DNS consumers (cluster-wide):");

        CliResult stopped = cli("stop", NAME, "--savepoint", "--target", target);
        Matcher m = Pattern.compile("with savepoint (\\S+)").matcher(stopped.out());
        assertThat(m.find()).as("stop prints the savepoint: %s", stopped.out()).isTrue();
        String savepoint = m.group(1);
        assertThat(Path.of(URI.create(savepoint))).isDirectory();
        awaitListed(target, "FINISHED");

        // While stopped: more items, read on resume from the offsets in the savepoint.
        produce(Map.of("client-a", 50, "client-c", 150), 10_000);
        CliResult resumed = submit(target, "--from-savepoint", savepoint);
        String jobId = resumed.out().replaceAll("(?s).*job (\\p{XDigit}{32}).*", "$1");
        awaitListed(target, "RUNNING");
        // 200 + 50, and client-b at all, only if the hub's totals came back from the savepoint.
        awaitLogs(
                lines ->
                        lines.contains("[hub] 1. client-a: 250 queries")
                                && lines.contains("[hub] 2. client-c: 150 queries")
                                && lines.contains("[hub] 3. client-b: 100 queries"));
        JsonNode restored = cluster.get("/jobs/" + jobId + "/checkpoints").path("latest");
        assertThat(restored.path("restored").path("external_path").asText())
                .as("the resumed job restored from the savepoint")
                .isEqualTo(savepoint);

        assertThat(cli("stop", NAME, "--target", target).out()).contains("cancelled " + NAME);
    }

    /** GraalJS comes once from the cluster's class path (stack.md section 2), Flink too. */
    @Test
    void jobJarLeavesGraalJsAndFlinkToTheCluster() throws IOException {
        try (JarFile jar = new JarFile(jobJar().toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertThat(names)
                    .contains("io/netinsights/jobs/kafka/ScriptJobMain.class")
                    .anyMatch(n -> n.startsWith("org/apache/flink/connector/kafka/"))
                    .noneMatch(n -> n.startsWith("org/graalvm/") || n.startsWith("com/oracle/"))
                    .noneMatch(n -> n.startsWith("org/apache/flink/runtime/"))
                    .noneMatch(n -> n.startsWith("org/apache/flink/streaming/api/"));
        }
    }

    private static CliResult submit(String target, String... more) throws IOException {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "submit",
                                SCRIPT.toString(),
                                "--target",
                                target,
                                "--kafka",
                                kafka.bootstrapServers(),
                                "--jar",
                                jobJar().toString()));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    private static CliResult cli(String... args) {
        CliResult r = CliResult.run(args);
        assertThat(r.code())
                .as("netinsights %s\nout: %s\nerr: %s", String.join(" ", args), r.out(), r.err())
                .isZero();
        return r;
    }

    /** Polls {@code list} until a row of the job (stopped ones stay listed) is in {@code state}. */
    private static void awaitListed(String target, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String out = "";
        while (System.nanoTime() < deadline) {
            out = cli("list", "--target", target).out();
            if (out.lines().anyMatch(l -> l.startsWith(NAME + "\t" + state + "\t"))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("list never showed " + NAME + " " + state + ":\n" + out);
    }

    /**
     * Trickles items of one more client (a few, ranked below the counted ones) until the job's
     * report shows them: from then on every item produced is counted, wherever the new job's source
     * started (a new group starts at the end of the topic).
     */
    private static void awaitConsuming() throws Exception {
        long deadline = System.nanoTime() + REPORT_WAIT.toNanos();
        for (int k = 1; System.nanoTime() < deadline; k++) {
            produce(Map.of("warm-up", 1), -1_000L * k);
            String out =
                    cli("logs", NAME, "--kafka", kafka.bootstrapServers(), "--no-follow").out();
            if (out.contains(" warm-up: ")) {
                return;
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError("the job never reported the items produced while it ran");
    }

    /** Polls {@code logs NAME --no-follow} until its output passes {@code done}; returns it. */
    private static String awaitLogs(Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + REPORT_WAIT.toNanos();
        String out = "";
        while (System.nanoTime() < deadline) {
            out = cli("logs", NAME, "--kafka", kafka.bootstrapServers(), "--no-follow").out();
            if (done.test(out)) {
                return out;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("logs " + NAME + " never showed the expected report:\n" + out);
    }

    /** End offsets of the input and console topics, for failure messages. */
    private static String topicEnds() {
        StringBuilder b = new StringBuilder("---- end offsets\n");
        for (String isolation : List.of("read_uncommitted", "read_committed")) {
            try (KafkaConsumer<byte[], byte[]> c =
                    new KafkaConsumer<>(
                            Map.of(
                                    "bootstrap.servers",
                                    kafka.bootstrapServers(),
                                    "isolation.level",
                                    isolation),
                            new ByteArrayDeserializer(),
                            new ByteArrayDeserializer())) {
                for (String topic : List.of("items", "console")) {
                    List<TopicPartition> parts =
                            c.partitionsFor(topic).stream()
                                    .map(p -> new TopicPartition(topic, p.partition()))
                                    .toList();
                    b.append(isolation)
                            .append(' ')
                            .append(c.endOffsets(parts, Duration.ofSeconds(10)))
                            .append('\n');
                }
            } catch (RuntimeException e) {
                b.append(isolation).append(": ").append(e).append('\n');
            }
        }
        return b.toString();
    }

    /** DNS items, {@code count} per client, on two nodes. */
    private static void produce(Map<String, Integer> perClient, long offsetMillis)
            throws Exception {
        try (KafkaProducer<byte[], byte[]> p =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, Integer> e : perClient.entrySet()) {
                for (int n = 0; n < e.getValue(); n++, i++) {
                    String node = "node-" + (i % 2);
                    long ts = TestItems.T0 + offsetMillis + i * 10L;
                    ApiItem item =
                            TestItems.dns(
                                    e.getKey() + "-" + offsetMillis + "-" + n,
                                    node,
                                    e.getKey(),
                                    ts);
                    sent.add(
                            p.send(
                                    new ProducerRecord<>(
                                            "items", null, ts, node.getBytes(), avro(item))));
                }
            }
            // close() does not report failed sends: a lost item must fail here, not as a
            // missing count later.
            for (Future<RecordMetadata> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static byte[] avro(ApiItem item) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(ApiItem.class).write(item, enc);
        enc.flush();
        return bytes.toByteArray();
    }

    /** The shaded job jar that {@code package} of flink-jobs leaves in its target directory. */
    private static Path jobJar() throws IOException {
        Path dir = Path.of("..", "flink-jobs", "target");
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().matches("flink-jobs-.*-job\\.jar"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new AssertionError(
                                            "no flink-jobs-*-job.jar in "
                                                    + dir.toAbsolutePath()
                                                    + ": build it first, e.g. mvn -pl cli -am"
                                                    + " verify"));
        }
    }

    /** Carries the cluster's log tails into a failed test's report. */
    private static final class ClusterLogs extends Exception {
        private static final long serialVersionUID = 1L;

        ClusterLogs(String tails) {
            super("cluster logs:\n" + tails, null, false, false);
        }
    }
}
