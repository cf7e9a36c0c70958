package io.netinsights.jobs.sinks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/**
 * An HTTP endpoint on 127.0.0.1 that records every request and answers with a chosen status; it can
 * be stopped and started again on the same port to stage an outage.
 */
final class TestingHttpServer implements AutoCloseable {
    /** One request as the server saw it. */
    record Received(String method, String uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile ToIntFunction<Received> status = r -> 200;
    private int port;
    private HttpServer server;
    private ExecutorService executor;

    private TestingHttpServer() {}

    static TestingHttpServer start() throws IOException {
        TestingHttpServer s = new TestingHttpServer();
        s.bind(0);
        return s;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Answers every later request with {@code status.applyAsInt(request)}. */
    void respondWith(ToIntFunction<Received> status) {
        this.status = status;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Closes the listening socket and every open connection at once. */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Starts again on the same port (retrying while the old socket lingers). */
    synchronized void restart() throws IOException, InterruptedException {
        for (int i = 0; ; i++) {
            try {
                bind(port);
                return;
            } catch (BindException e) {
                if (i == 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private void bind(int wanted) throws IOException {
        HttpServer s =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 64);
        s.createContext("/", this::handle);
        executor = Executors.newFixedThreadPool(4);
        s.setExecutor(executor);
        s.start();
        server = s;
        port = s.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Received r =
                    new Received(
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().toString(),
                            lowerCase(exchange.getRequestHeaders()),
                            body);
            int code = status.applyAsInt(r);
            if (code >= 200 && code < 300) {
                received.add(r);
            }
            byte[] answer = ("{\"status\":" + code + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new HashMap<>();
        headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return out;
    }

    @Override
    public void close() {
        stop();
    }
}
