package io.netinsights.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeployFlinkRestClient} against a stub of the Flink REST endpoints it uses (requests and
 * responses as documented for Flink 2.x); not a real JobManager.
 */
class DeployFlinkRestClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final AtomicInteger savepointPolls = new AtomicInteger();
    private HttpServer server;
    private DeployFlinkRestClient client;

    @TempDir Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        client = new DeployFlinkRestClient("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void uploadsRunsListsAndStopsWithSavepoint() throws Exception {
        Path jar = dir.resolve("flink-jobs-0.1.0-SNAPSHOT.jar");
        Files.write(jar, new byte[] {'P', 'K', 3, 4});
        String jarId = client.uploadJar(jar);
        assertThat(jarId).isEqualTo("abc_flink-jobs-0.1.0-SNAPSHOT.jar");
        assertThat(bodies.get("POST /jars/upload"))
                .contains("name=\"jarfile\"; filename=\"flink-jobs-0.1.0-SNAPSHOT.jar\"")
                .contains("PK");

        DeployJobSpec job =
                new DeployJobSpec(
                        "top-dns", "top-dns.js", "var x = 1;", Map.of("A", "1"), "k:9092");
        assertThat(client.run(jarId, job, 2, "file:/sp/1")).isEqualTo("job-1");
        JsonNode run =
                JSON.readTree(bodies.get("POST /jars/abc_flink-jobs-0.1.0-SNAPSHOT.jar/run"));
        assertThat(run.path("entryClass").asText()).isEqualTo(DeployJobSpec.ENTRY_CLASS);
        assertThat(run.path("savepointPath").asText()).isEqualTo("file:/sp/1");
        assertThat(JSON.convertValue(run.path("programArgsList"), List.class))
                .isEqualTo(job.programArgs());

        assertThat(client.jobs())
                .containsExactly(new DeployFlinkRestClient.JobRow("job-1", "top-dns", "RUNNING"));

        assertThat(client.stopWithSavepoint("job-1", "file:/sp", Duration.ofSeconds(10)))
                .isEqualTo("file:/sp/savepoint-1");
        assertThat(savepointPolls.get()).isEqualTo(2);
        assertThat(
                        JSON.readTree(bodies.get("POST /jobs/job-1/stop"))
                                .path("targetDirectory")
                                .asText())
                .isEqualTo("file:/sp");
    }

    @Test
    void errorsCarryStatusAndBody() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.cancel("missing"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("404")
                .hasMessageContaining("Job not found");
    }

    private void handle(HttpExchange ex) throws IOException {
        String key = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
        bodies.put(
                key, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
        String resp;
        int status = 200;
        switch (key) {
            case "POST /jars/upload" ->
                    resp =
                            "{\"filename\":\"/tmp/flink-web/upload/abc_flink-jobs-0.1.0-SNAPSHOT.jar\",\"status\":\"success\"}";
            case "POST /jars/abc_flink-jobs-0.1.0-SNAPSHOT.jar/run" ->
                    resp = "{\"jobid\":\"job-1\"}";
            case "GET /jobs/overview" ->
                    resp =
                            "{\"jobs\":[{\"jid\":\"job-1\",\"name\":\"top-dns\",\"state\":\"RUNNING\"}]}";
            case "POST /jobs/job-1/stop" -> resp = "{\"request-id\":\"t-1\"}";
            case "GET /jobs/job-1/savepoints/t-1" ->
                    resp =
                            savepointPolls.incrementAndGet() < 2
                                    ? "{\"status\":{\"id\":\"IN_PROGRESS\"}}"
                                    : "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"location\":\"file:/sp/savepoint-1\"}}";
            default -> {
                status = 404;
                resp = "{\"errors\":[\"Job not found\"]}";
            }
        }
        byte[] bytes = resp.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
