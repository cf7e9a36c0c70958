package io.netinsights.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.UUID;

/**
 * A small client of the Flink REST API (java.net.http + Jackson): upload the job jar, run it with
 * program arguments, list jobs, stop with a savepoint or cancel.
 */
final class DeployFlinkRestClient {
    /** One row of {@code GET /jobs/overview}. */
    record JobRow(String id, String name, String state) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    DeployFlinkRestClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    /** {@code POST /jars/upload} (multipart, field {@code jarfile}); returns the jar id. */
    String uploadJar(Path jar) throws IOException {
        String boundary = "netinsights-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName()
                        + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
        body.write(head.getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest req =
                HttpRequest.newBuilder(base.resolve("jars/upload"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build();
        String filename = send(req).path("filename").asText();
        if (filename.isEmpty()) {
            throw new IOException("Flink did not return the uploaded jar's file name");
        }
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    /** {@code POST /jars/:id/run}; returns the job id. */
    String run(String jarId, DeployJobSpec job, int parallelism, String savepointPath)
            throws IOException {
        ObjectNode req = JSON.createObjectNode();
        req.put("entryClass", DeployJobSpec.ENTRY_CLASS);
        req.put("parallelism", parallelism);
        req.set("programArgsList", JSON.valueToTree(job.programArgs()));
        if (savepointPath != null) {
            req.put("savepointPath", savepointPath);
        }
        return send(post("jars/" + jarId + "/run", req)).path("jobid").asText();
    }

    List<JobRow> jobs() throws IOException {
        JsonNode root = send(HttpRequest.newBuilder(base.resolve("jobs/overview")).GET().build());
        List<JobRow> rows = new ArrayList<>();
        for (JsonNode j : root.path("jobs")) {
            rows.add(
                    new JobRow(
                            j.path("jid").asText(),
                            j.path("name").asText(),
                            j.path("state").asText()));
        }
        return rows;
    }

    /**
     * {@code POST /jobs/:id/stop}, then polls the savepoint until it completes; returns its path.
     */
    String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode req = JSON.createObjectNode();
        req.put("drain", false);
        if (targetDirectory != null) {
            req.put("targetDirectory", targetDirectory);
        }
        String trigger = send(post("jobs/" + jobId + "/stop", req)).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status =
                    send(
                            HttpRequest.newBuilder(
                                            base.resolve(
                                                    "jobs/" + jobId + "/savepoints/" + trigger))
                                    .GET()
                                    .build());
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode op = status.path("operation");
                if (op.has("failure-cause")) {
                    throw new IOException(
                            "savepoint failed: " + op.path("failure-cause").path("class").asText());
                }
                return op.path("location").asText();
            }
            Thread.sleep(500);
        }
        throw new IOException("savepoint of job " + jobId + " did not complete in " + timeout);
    }

    /** {@code PATCH /jobs/:id?mode=cancel}. */
    void cancel(String jobId) throws IOException {
        send(
                HttpRequest.newBuilder(base.resolve("jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    private HttpRequest post(String path, JsonNode body) throws IOException {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
    }

    private JsonNode send(HttpRequest req) throws IOException {
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling " + req.uri(), e);
        }
        if (resp.statusCode() / 100 != 2) {
            throw new IOException(
                    "Flink REST "
                            + req.method()
                            + " "
                            + req.uri().getPath()
                            + " returned "
                            + resp.statusCode()
                            + ": "
                            + resp.body());
        }
        return resp.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(resp.body());
    }
}
