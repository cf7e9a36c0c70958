package io.netinsights.cli;

import io.netinsights.kafka.LocalKafka;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both images as one pipeline, without Docker: the shipper image captures HTTP exchanges on the
 * loopback interface into a local Kafka broker, and the Flink job image runs a script on them (its
 * entry point on Flink's embedded runtime) and writes the script's console lines to Kafka. Needs
 * root and {@code -Pimages}, like {@link ImagesTest}.
 */
class ImagesPipelineITCase {
    static final String SCRIPT =
            "function onItemCaptured(data) { console.log('seen ' + data.request.path); }\n";

    @TempDir Path work;

    @Test
    void shipperItemsReachTheScriptJobInTheFlinkImage() throws Exception {
        ImagesTest.assumeImagesBuilt();
        ImagesTest.assumeRoot();
        OciImageLayout shipperImage =
                OciImageLayout.open(ImagesTest.SHIPPER_TAR, work.resolve("shipper-oci"));
        Path shipperRoot = work.resolve("shipper-root");
        shipperImage.unpack(shipperRoot);
        OciImageLayout flinkImage =
                OciImageLayout.open(ImagesTest.FLINK_JOB_TAR, work.resolve("flink-oci"));
        Path flinkRoot = work.resolve("flink-root");
        flinkImage.unpack(flinkRoot);

        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(
                "/",
                ex -> {
                    ex.sendResponseHeaders(204, -1);
                    ex.close();
                });
        http.start();
        int port = http.getAddress().getPort();
        List<Process> running = new ArrayList<>();
        StringBuffer jobOut = new StringBuffer();
        StringBuffer shipperOut = new StringBuffer();
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopics(1, "items", "pod-events", "console", "reports", "dead-letters");
            String bootstrap = kafka.bootstrapServers();
            List<String> job = new ArrayList<>(flinkImage.command());
            job.addAll(
                    List.of(
                            "--name",
                            "pipeline",
                            "--kafka",
                            bootstrap,
                            "--script-file",
                            "pipeline.js",
                            "--script-base64",
                            Base64.getEncoder()
                                    .encodeToString(SCRIPT.getBytes(StandardCharsets.UTF_8))));
            running.add(start(flinkRoot, job, jobOut));
            List<String> shipper = new ArrayList<>(shipperImage.command());
            shipper.addAll(
                    List.of(
                            "--iface",
                            "lo",
                            "--kafka",
                            bootstrap,
                            "--filter",
                            "tcp port " + port,
                            "--progress",
                            "0"));
            running.add(start(shipperRoot, shipper, shipperOut));
            ShipperImageITCase.awaitText(shipperOut, "capturing on lo", Duration.ofSeconds(90));

            // The job reads items from the latest offsets once it runs: send until a line comes.
            String line = awaitConsoleLine(bootstrap, port, Duration.ofSeconds(180));
            assertThat(line).as("job output:\n%s", jobOut).contains("seen /pipeline/");
        } finally {
            for (Process p : running) {
                p.toHandle().destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            http.stop(0);
        }
    }

    private static Process start(Path root, List<String> command, StringBuffer out)
            throws Exception {
        Process p = OciImageLayout.inImage(root, command).redirectErrorStream(true).start();
        ShipperImageITCase.drain(p.getInputStream(), out);
        return p;
    }

    private static String awaitConsoleLine(String bootstrap, int port, Duration timeout)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "images-pipeline",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("console"));
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int i = 0; System.nanoTime() < deadline; i++) {
                HttpRequest get =
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/pipeline/" + i))
                                .build();
                client.send(get, HttpResponse.BodyHandlers.discarding());
                for (var record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.value() != null && record.value().contains("seen /pipeline/")) {
                        return record.value();
                    }
                }
            }
        }
        return "(no console line within " + timeout + ")";
    }
}
