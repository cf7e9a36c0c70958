package io.netinsights.cli;

import io.netinsights.kafka.LocalKafka;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipper image end to end, without Docker: run under chroot (see {@link
 * OciImageLayout#inImage}) as the DaemonSet runs it, it captures HTTP exchanges on the loopback
 * interface with the image's own libpcap and publishes them to a local Kafka broker; SIGTERM ends
 * it with its summary. Needs root and {@code -Pimages}, like {@link ImagesTest}.
 */
class ShipperImageITCase {
    @TempDir Path work;

    @Test
    void capturesOnLoopbackAndPublishesToKafka() throws Exception {
        ImagesTest.assumeImagesBuilt();
        ImagesTest.assumeRoot();
        OciImageLayout image = OciImageLayout.open(ImagesTest.SHIPPER_TAR, work.resolve("oci"));
        Path root = work.resolve("root");
        image.unpack(root);

        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(
                "/",
                ex -> {
                    byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                    ex.close();
                });
        http.start();
        int port = http.getAddress().getPort();
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopics(1, "items", "pod-events");
            List<String> command = new ArrayList<>(image.command());
            command.addAll(
                    List.of(
                            "--iface", "lo",
                            "--kafka", kafka.bootstrapServers(),
                            "--filter", "tcp port " + port,
                            "--node", "image-test",
                            "--progress", "1"));
            Process shipper =
                    OciImageLayout.inImage(root, command).redirectErrorStream(true).start();
            StringBuffer out = new StringBuffer();
            Thread reader = drain(shipper.getInputStream(), out);
            try {
                awaitText(out, "capturing on lo", Duration.ofSeconds(90));
                HttpClient client =
                        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (int i = 0; i < 3; i++) {
                    HttpRequest get =
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + port + "/probe/" + i))
                                    .build();
                    assertThat(client.send(get, HttpResponse.BodyHandlers.ofString()).body())
                            .isEqualTo("ok");
                }
                List<ConsumerRecord<byte[], byte[]>> items = consume(kafka.bootstrapServers(), 3);
                assertThat(items).hasSizeGreaterThanOrEqualTo(3);
                assertThat(new String(items.get(0).key(), StandardCharsets.UTF_8))
                        .isEqualTo("image-test");
                assertThat(new String(items.get(0).value(), StandardCharsets.ISO_8859_1))
                        .contains("/probe/");
            } finally {
                // SIGTERM, as at pod deletion; Process.destroy() would also close its output.
                shipper.toHandle().destroy();
                if (!shipper.waitFor(30, TimeUnit.SECONDS)) {
                    shipper.destroyForcibly();
                }
                reader.join(5_000);
                http.stop(0);
            }
            assertThat(out.toString()).as(out.toString()).contains("capture: packets=");
        }
    }

    static List<ConsumerRecord<byte[], byte[]>> consume(String bootstrap, int atLeast) {
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "image-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("items"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (got.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(got::add);
            }
        }
        return got;
    }

    static Thread drain(InputStream in, StringBuffer out) {
        Thread t =
                new Thread(
                        () -> {
                            byte[] buf = new byte[8192];
                            try {
                                for (int n; (n = in.read(buf)) > 0; ) {
                                    out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                                }
                            } catch (java.io.IOException e) {
                                out.append("\n(reading the output failed: ").append(e).append(')');
                            }
                        },
                        "shipper-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void awaitText(StringBuffer out, String text, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!out.toString().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(out.toString()).as("shipper output").contains(text);
    }
}
