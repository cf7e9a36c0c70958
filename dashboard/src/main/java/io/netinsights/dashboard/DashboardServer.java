package io.netinsights.dashboard;

import io.netinsights.assistant.Answer;
import io.netinsights.assistant.AskOptions;
import io.netinsights.assistant.Assistant;
import io.netinsights.schemas.ConsoleLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The dashboard's web server on the JDK's {@code com.sun.net.httpserver}: one static page, {@code
 * POST /api/ask} (question to checked script), {@code POST /api/run} (the script on the capture,
 * embedded) and {@code GET /api/console/stream} (console lines and run events as server-sent
 * events). One run at a time.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEB = "/io/netinsights/dashboard/web/";

    private final EmbeddedRunner runner;
    private final BiFunction<String, AskOptions, Answer> assistant;
    private final ConsoleHub hub = new ConsoleHub();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger runs = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(daemon("dashboard-http"));
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(daemon("dashboard-run"));
    private final HttpServer http;
    private volatile boolean closed;
    private KafkaConsoleTail kafka;

    /** Starts serving on {@code host:port} (port 0 picks a free one). */
    public DashboardServer(
            EmbeddedRunner runner,
            BiFunction<String, AskOptions, Answer> assistant,
            String host,
            int port)
            throws IOException {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.assistant = Objects.requireNonNull(assistant, "assistant");
        http = HttpServer.create(new InetSocketAddress(host, port), 0);
        http.setExecutor(pool);
        http.createContext("/", this::handle);
        http.start();
    }

    /** The standard assistant and a capture, on localhost. */
    public static DashboardServer start(Path capture, int port) throws IOException {
        Assistant a = Assistant.standard();
        return new DashboardServer(
                new EmbeddedRunner(capture, "node-1", 1), a::ask, "127.0.0.1", port);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public ConsoleHub hub() {
        return hub;
    }

    /**
     * Kafka mode: also streams the console and reports topics of {@code bootstrap} (from their end)
     * to every page.
     */
    public synchronized void tailKafka(String bootstrap, List<String> topics) {
        if (kafka != null) {
            throw new IllegalStateException("already tailing Kafka");
        }
        kafka = new KafkaConsoleTail(bootstrap, topics, "latest", hub);
    }

    private void handle(HttpExchange ex) throws IOException {
        // Not try-with-resources: the catch blocks still answer on the open exchange.
        try {
            route(ex);
        } catch (IllegalArgumentException e) {
            json(ex, 400, error(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("request {} failed", ex.getRequestURI(), e);
            json(ex, 500, error(e.toString()));
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        switch (method + " " + path) {
            case "GET /", "GET /index.html" -> resource(ex, "index.html", "text/html");
            case "GET /app.js" -> resource(ex, "app.js", "text/javascript");
            case "GET /api/status" -> json(ex, 200, status());
            case "POST /api/ask" -> json(ex, 200, ask(body(ex)));
            case "POST /api/run" -> run(ex, body(ex));
            case "GET /api/console/stream" -> stream(ex);
            default -> json(ex, 404, error("not found: " + method + " " + path));
        }
    }

    private ObjectNode status() {
        ObjectNode o = JSON.createObjectNode();
        o.put("capture", runner.capture().getFileName().toString());
        o.put("running", running.get());
        o.put("runs", runs.get());
        return o;
    }

    private ObjectNode ask(JsonNode body) {
        String question = body.path("question").asText("").strip();
        if (question.isEmpty()) {
            throw new IllegalArgumentException("the question is empty");
        }
        Answer a = assistant.apply(question, AskOptions.defaults());
        ObjectNode o = JSON.createObjectNode();
        o.put("status", a.status().name());
        o.put("question", a.question());
        o.put("script", a.code());
        o.put("source", a.source());
        o.put("explanation", a.summary());
        o.put("elapsedMillis", a.elapsedMillis());
        return o;
    }

    private void run(HttpExchange ex, JsonNode body) throws IOException {
        String code = body.path("script").asText("");
        if (code.isBlank()) {
            throw new IllegalArgumentException("the script is empty");
        }
        if (!running.compareAndSet(false, true)) {
            json(ex, 409, error("a script is already running"));
            return;
        }
        int id = runs.incrementAndGet();
        hub.publish(event("run-start", id).put("capture", runner.capture().toString()).toString());
        jobs.execute(() -> runJob(id, code));
        json(ex, 202, JSON.createObjectNode().put("run", id));
    }

    private void runJob(int id, String code) {
        long lines = 0;
        String failure = null;
        try {
            long[] count = {0};
            runner.run("dashboard-" + id + ".js", code, line -> publishLine(id, line, count));
            lines = count[0];
        } catch (Exception | LinkageError e) {
            LOG.warn("run {} failed", id, e);
            failure = rootMessage(e);
        } finally {
            ObjectNode end = event("run-end", id).put("ok", failure == null).put("lines", lines);
            if (failure != null) {
                end.put("error", failure);
            }
            hub.publish(end.toString());
            running.set(false);
        }
    }

    private void publishLine(int id, ConsoleLine line, long[] count) {
        count[0]++;
        hub.publish(
                event("line", id)
                        .put("instance", line.getInstance())
                        .put("level", line.getLevel().name().toLowerCase(Locale.ROOT))
                        .put("text", line.getText())
                        .put("timestamp", line.getTimestamp())
                        .toString());
    }

    private void stream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        long next = hub.first();
        try {
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!closed) {
                StringBuilder b = new StringBuilder();
                for (String e : hub.since(next, 15_000)) {
                    b.append("data: ").append(e).append("\n\n");
                    next++;
                }
                next = Math.max(next, hub.first());
                // An empty batch is a keep-alive comment; it also detects a gone client.
                out.write(
                        (b.length() == 0 ? ": keep-alive\n\n" : b.toString())
                                .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("SSE client went away: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(1 << 20);
            if (bytes.length == 0) {
                return JSON.createObjectNode();
            }
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
            }
        }
    }

    private static void resource(HttpExchange ex, String name, String type) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + WEB + name);
            }
            send(ex, 200, type + "; charset=utf-8", in.readAllBytes());
        }
    }

    private static void json(HttpExchange ex, int code, JsonNode body) throws IOException {
        send(ex, code, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange ex, int code, String type, byte[] body)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, body.length);
        ex.getResponseBody().write(body);
    }

    private static ObjectNode event(String type, int run) {
        return JSON.createObjectNode().put("type", type).put("run", run);
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        closed = true;
        synchronized (hub) {
            hub.notifyAll();
        }
        http.stop(0);
        synchronized (this) {
            if (kafka != null) {
                try {
                    kafka.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        pool.shutdownNow();
        jobs.shutdownNow();
    }
}
