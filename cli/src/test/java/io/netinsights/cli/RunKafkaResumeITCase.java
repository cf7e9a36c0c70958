package io.netinsights.cli;

import io.netinsights.kafka.LocalKafka;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.testing.TestItems;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --kafka} on a real broker keeps its checkpoints on disk: stopped mid-stream and
 * started again for the same group, the script continues with its state and the Kafka offsets of
 * the newest checkpoint, so nothing is counted twice and nothing is lost. {@code report --kafka}
 * prints the records it commits to its records topic.
 */
class RunKafkaResumeITCase {
    private static final String SCRIPT =
            "var seen = 0;\n"
                    + "function onItemCaptured(d) { seen++; }\n"
                    + "jobs.schedule('count', '* * * * * *', function () {"
                    + " console.log('seen ' + seen); });\n";

    private static LocalKafka kafka;

    @TempDir static Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = LocalKafka.start();
        kafka.createTopics(2, "items");
        kafka.createTopics(1, "console", "reports", "dead-letters");
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void aStoppedRunResumesFromItsNewestCheckpoint() throws Exception {
        Path script = dir.resolve("count.js");
        Files.writeString(script, SCRIPT);
        Path checkpoints = dir.resolve("checkpoints");
        produce(0, 400);

        Running first = start(script, checkpoints, "earliest");
        first.awaitOut(s -> s.contains("seen 400"));
        // Stop only once a checkpoint that holds all 400 items is complete.
        long before = newestCheckpointTime(checkpoints);
        first.awaitCheckpointAfter(checkpoints, before);
        first.stop();
        assertThat(first.err()).doesNotContain("resuming from checkpoint");

        produce(400, 250);
        // From "latest" with empty state this run could count no more than the 250 new items;
        // 650 needs both the restored count and the restored offsets.
        Running second = start(script, checkpoints, "latest");
        second.awaitOut(s -> s.contains("seen 650"));
        second.stop();
        assertThat(second.err()).contains("resuming from checkpoint " + checkpoints);
    }

    @Test
    @Timeout(180)
    void reportOnKafkaPrintsTheRecordsItCommits() throws Exception {
        kafka.createTopics(1, "report-items", "report-records");
        produce("report-items", 0, 120);
        CliResult r =
                CliResult.run(
                        "report",
                        "top-talkers",
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--items-topic",
                        "report-items",
                        "--records-topic",
                        "report-records",
                        "--group",
                        "report-test",
                        "--from",
                        "earliest",
                        "--until-end",
                        "--window",
                        "1h",
                        "--checkpoint-interval",
                        "300",
                        "--checkpoint-dir",
                        dir.resolve("report-checkpoints").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines())
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("[top-talkers] "))
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .contains("client -> kube-dns") // the endpoint names of
                                        // TestItems.dns
                                        .contains("items=120"));
    }

    private Running start(Path script, Path checkpoints, String from) throws IOException {
        return new Running(
                "run",
                script.toString(),
                "--kafka",
                kafka.bootstrapServers(),
                "--from",
                from,
                "--group",
                "resume-test",
                "--checkpoint-interval",
                "300",
                "--checkpoint-dir",
                checkpoints.toString());
    }

    private static long newestCheckpointTime(Path base) throws IOException {
        if (!Files.isDirectory(base)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .mapToLong(p -> p.toFile().lastModified())
                    .max()
                    .orElse(0);
        }
    }

    private static void produce(int from, int n) throws Exception {
        produce("items", from, n);
    }

    private static void produce(String topic, int from, int n) throws Exception {
        SpecificDatumWriter<ApiItem> writer = new SpecificDatumWriter<>(ApiItem.class);
        try (KafkaProducer<byte[], byte[]> p =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            for (int i = from; i < from + n; i++) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
                writer.write(
                        TestItems.dns("i" + i, "node-1", "client", System.currentTimeMillis()),
                        enc);
                enc.flush();
                p.send(new ProducerRecord<>(topic, null, "node-1".getBytes(), bytes.toByteArray()));
            }
        }
    }

    /** One CLI process, as a user starts it, stopped with SIGTERM as by Ctrl-C or {@code kill}. */
    private static final class Running {
        private final Process process;
        private final Path out;
        private final Path err;

        Running(String... args) throws IOException {
            out = Files.createTempFile(dir, "out", ".txt");
            err = Files.createTempFile(dir, "err", ".txt");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx768m");
            command.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.netinsights.schemas");
            command.add("-Dpolyglot.engine.WarnInterpreterOnly=false");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
            command.addAll(List.of(args));
            process =
                    new ProcessBuilder(command)
                            .redirectOutput(out.toFile())
                            .redirectError(err.toFile())
                            .start();
        }

        String out() throws IOException {
            return Files.readString(out);
        }

        String err() throws IOException {
            return Files.readString(err);
        }

        void awaitOut(Predicate<String> condition) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!condition.test(out())) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new AssertionError(
                            "expected output did not come; out:\n" + out() + "\nerr:\n" + err());
                }
                Thread.sleep(200);
            }
        }

        void awaitCheckpointAfter(Path base, long time) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (newestCheckpointTime(base) <= time) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new AssertionError("no checkpoint was completed; err:\n" + err());
                }
                Thread.sleep(100);
            }
        }

        void stop() throws Exception {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the command did not end on SIGTERM; err:\n" + err());
            }
        }
    }
}
