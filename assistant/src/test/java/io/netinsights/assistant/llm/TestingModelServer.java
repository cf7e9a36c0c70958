package io.netinsights.assistant.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A local OpenAI-compatible chat server on 127.0.0.1 that replays recorded answers in order (the
 * last one repeats) and keeps every request it received, for the model-path tests.
 */
public final class TestingModelServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<JsonNode> requests = new ArrayList<>();
    private String last = "";

    public TestingModelServer(List<String> recorded) throws IOException {
        answers.addAll(recorded);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
    }

    /** The base URL to give the OpenAI client. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public synchronized List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    private void complete(HttpExchange ex) throws IOException {
        String content;
        synchronized (this) {
            requests.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
            if (!answers.isEmpty()) {
                last = answers.poll();
            }
            content = last;
        }
        Map<String, Object> body =
                Map.of(
                        "id",
                        "chatcmpl-test",
                        "object",
                        "chat.completion",
                        "created",
                        1714557600,
                        "model",
                        "replay",
                        "choices",
                        List.of(
                                Map.of(
                                        "index",
                                        0,
                                        "finish_reason",
                                        "stop",
                                        "message",
                                        Map.of("role", "assistant", "content", content))),
                        "usage",
                        Map.of("prompt_tokens", 1, "completion_tokens", 1, "total_tokens", 2));
        byte[] out = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static String fenced(String code) {
        return "Here is the script:\n```javascript\n" + code + "\n```\n";
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
