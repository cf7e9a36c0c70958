package io.netinsights.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API without a browser: ask the seed question, run the script on the bundled capture on
 * the embedded MiniCluster, read the console over SSE to the end of the run. The console lines are
 * exported to {@code target/console-lines.jsonl} for the notebook test.
 */
class DashboardServerITCase {
    static final Path EXPORT = Path.of("target/console-lines.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void asksRunsAndStreamsTheConsole() throws Exception {
        try (DashboardServer server = DashboardServer.start(DashboardBrowserITCase.CAPTURE, 0)) {
            String base = server.url();
            assertThat(get(base).body()).contains("<title>netinsights dashboard</title>");

            JsonNode answer =
                    JSON.readTree(
                            post(
                                            base + "api/ask",
                                            "{\"question\":\"Identify the top 5 DNS consumers\"}")
                                    .body());
            assertThat(answer.path("status").asText()).isEqualTo("SCRIPT");
            String script = answer.path("script").asText();
            assertThat(script).contains("hub.action");

            HttpResponse<String> started =
                    post(
                            base + "api/run",
                            JSON.createObjectNode().put("script", script).toString());
            assertThat(started.statusCode()).isEqualTo(202);

            List<JsonNode> events = readUntilRunEnd(base + "api/console/stream");
            JsonNode end = events.get(events.size() - 1);
            assertThat(end.path("ok").asBoolean()).as("run-end %s", end).isTrue();
            List<String> hubLines = new ArrayList<>();
            StringBuilder export = new StringBuilder();
            for (JsonNode e : events) {
                if ("line".equals(e.path("type").asText())) {
                    export.append(e).append('\n');
                    if ("hub".equals(e.path("instance").asText())) {
                        hubLines.add(e.path("text").asText());
                    }
                }
            }
            Files.writeString(EXPORT, export, StandardCharsets.UTF_8);
            assertThat(hubLines).anyMatch(t -> t.contains("Top 5"));
            assertThat(hubLines).anyMatch(t -> t.matches("\\s*1\\. .+: \\d+.*"));

            HttpResponse<String> empty = post(base + "api/ask", "{\"question\":\"\"}");
            assertThat(empty.statusCode()).isEqualTo(400);
        }
    }

    private List<JsonNode> readUntilRunEnd(String url) throws Exception {
        HttpRequest req =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(4)).build();
        HttpResponse<java.io.InputStream> resp =
                http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    JsonNode e = JSON.readTree(line.substring(6));
                    events.add(e);
                    if ("run-end".equals(e.path("type").asText())) {
                        return events;
                    }
                }
            }
        }
        throw new AssertionError("stream ended before run-end: " + events);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
