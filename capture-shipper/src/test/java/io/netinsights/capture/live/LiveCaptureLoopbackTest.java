package io.netinsights.capture.live;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.testutils.TestingDns;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pcap4j.core.Pcaps;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
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
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Live capture on {@code lo}: a local HTTP server and a tiny DNS responder get real traffic, and
 * the items captured with a BPF filter on their ports are checked. Needs root and libpcap; skipped
 * with the reason otherwise.
 */
class LiveCaptureLoopbackTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final ConcurrentLinkedQueue<ApiItem> items = new ConcurrentLinkedQueue<>();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void requireRootAndLibpcap() throws IOException {
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isReadable(status), "live capture on lo is tested on Linux only");
        boolean root = Files.readString(status).lines().anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
        assumeTrue(root, "live capture needs root (or CAP_NET_RAW); run the tests as root");
        try {
            assumeTrue(Pcaps.libVersion() != null, "libpcap reports no version");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            assumeTrue(false, "libpcap is missing (apt-get install libpcap-dev): " + e);
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    @Test
    void capturesHttpAndDnsOnLoopback() throws Exception {
        HttpServer http = httpServer();
        DnsResponder dns = new DnsResponder();
        cleanup.add(dns);
        int httpPort = http.getAddress().getPort();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + httpPort;
        // Warm up server and client before capturing: a first exchange slowed by class loading
        // could exceed the short pairing timeout below.
        client.send(get(base + "/warm-up"), HttpResponse.BodyHandlers.discarding());
        LiveCapture capture =
                LiveCapture.open(
                        LiveCaptureOptions.builder("lo")
                                .filter("tcp port " + httpPort + " or udp port " + dns.port())
                                .tickMillis(100)
                                .build(),
                        CaptureOptions.builder()
                                .nodeName("node-lo")
                                .pairTimeoutMillis(1500)
                                .build(),
                        items::add);
        Thread runner = start(capture);

        assertThat(
                        client.send(get(base + "/hello?x=1"), HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                .isEqualTo(200);
        assertThat(
                        client.send(
                                        HttpRequest.newBuilder(URI.create(base + "/orders"))
                                                .POST(
                                                        HttpRequest.BodyPublishers.ofString(
                                                                "{\"n\":1}"))
                                                .header("Content-Type", "application/json")
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                .isEqualTo(201);
        assertThat(
                        client.send(get(base + "/missing"), HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                .isEqualTo(404);
        assertThat(dns.ask(0x1234, "api.shop.test")).isTrue();
        assertThat(dns.ask(0x2222, "silent.test")).isFalse(); // the responder ignores it

        // The unanswered query only comes out through the wall-clock tick: no packet follows it.
        awaitItems(l -> l.size() >= 5);
        capture.stop();
        assertThat(capture.awaitFinished(Duration.ofSeconds(5))).isTrue();
        runner.join(5000);

        List<ApiItem> all = new ArrayList<>(items);
        assertThat(httpSummaries(all))
                .containsExactlyInAnyOrder(
                        tuple("GET", "/hello", "200"),
                        tuple("POST", "/orders", "201"),
                        tuple("GET", "/missing", "404"));
        ApiItem answered = dnsItem(all, "api.shop.test");
        assertThat(answered.getError()).isNull();
        assertThat(ItemJson.parseObject(answered.getResponse()).toString()).contains("10.1.2.3");
        ApiItem silent = dnsItem(all, "silent.test");
        assertThat(silent.getError().getType()).isEqualTo("pair-not-found");
        assertThat(all).allSatisfy(i -> assertThat(i.getNode().getName()).isEqualTo("node-lo"));
        assertThat(all)
                .filteredOn(i -> i.getProtocol().getName().equals("http"))
                .allSatisfy(i -> assertThat(i.getDst().getPort()).isEqualTo("" + httpPort));
        assertThat(capture.stats().items("http")).isEqualTo(3);
        assertThat(capture.stats().items("dns")).isEqualTo(2);
        assertThat(capture.stats().parseErrors()).isZero();
        assertThat(capture.stats().packets()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void stopEndsAnIdleCapturePromptly() throws Exception {
        LiveCapture capture =
                LiveCapture.open(
                        LiveCaptureOptions.builder("lo").filter("udp port 9").build(),
                        CaptureOptions.defaults(),
                        items::add);
        Thread runner = start(capture);
        capture.stop();

        assertThat(capture.awaitFinished(Duration.ofSeconds(3))).isTrue();
        runner.join(3000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(items).isEmpty();
    }

    @Test
    void durationEndsTheCapture() throws Exception {
        LiveCapture capture =
                LiveCapture.open(
                        LiveCaptureOptions.builder("lo")
                                .filter("udp port 9")
                                .durationMillis(300)
                                .build(),
                        CaptureOptions.defaults(),
                        items::add);
        long t0 = System.nanoTime();
        capture.run();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(millis).isBetween(250L, 3000L);
        assertThatThrownBy(capture::run).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badFilterAndUnknownInterfaceAreExplained() {
        assertThatThrownBy(
                        () ->
                                LiveCapture.open(
                                        LiveCaptureOptions.builder("lo")
                                                .filter("tcp prot 80")
                                                .build(),
                                        CaptureOptions.defaults(),
                                        items::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid BPF filter 'tcp prot 80'");
        assertThatThrownBy(
                        () ->
                                LiveCapture.open(
                                        LiveCaptureOptions.builder("nosuch0").build(),
                                        CaptureOptions.defaults(),
                                        items::add))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot capture on interface nosuch0");
    }

    private Thread start(LiveCapture capture) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t =
                new Thread(
                        () -> {
                            try {
                                capture.run();
                            } catch (IOException | RuntimeException e) {
                                failure.set(e);
                            }
                        },
                        "live-capture");
        t.start();
        cleanup.add(
                () -> {
                    capture.stop();
                    t.join(5000);
                    assertThat(failure.get()).as("capture thread failure").isNull();
                });
        return t;
    }

    private void awaitItems(Predicate<List<ApiItem>> done) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.test(new ArrayList<>(items))) {
            assertThat(System.nanoTime())
                    .as("items within %s, got %s", DEADLINE, items.size())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private HttpServer httpServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hello", ex -> respond(ex, 200, "hello"));
        server.createContext("/orders", ex -> respond(ex, 201, "{\"id\":7}"));
        server.createContext("/", ex -> respond(ex, 404, "not found"));
        server.start();
        cleanup.add(() -> server.stop(0));
        return server;
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }

    private static List<Tuple> httpSummaries(List<ApiItem> all) {
        List<Tuple> out = new ArrayList<>();
        for (ApiItem i : all) {
            if (i.getProtocol().getName().equals("http")) {
                Map<String, Object> req = ItemJson.parseObject(i.getRequest());
                Map<String, Object> resp = ItemJson.parseObject(i.getResponse());
                out.add(
                        tuple(
                                req.get("method"),
                                req.get("path"),
                                String.valueOf(resp.get("status"))));
            }
        }
        return out;
    }

    private static ApiItem dnsItem(List<ApiItem> all, String name) {
        return all.stream()
                .filter(i -> i.getProtocol().getName().equals("dns"))
                .filter(i -> i.getRequest().contains("\"" + name + "\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no DNS item for " + name + " in " + all));
    }

    /** A UDP DNS responder on 127.0.0.1 answering every A query but {@code silent.test}. */
    private static final class DnsResponder implements AutoCloseable {
        private final DatagramSocket socket;
        private final Thread thread;

        DnsResponder() throws SocketException {
            socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            thread = new Thread(this::serve, "dns-responder");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            byte[] buf = new byte[512];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                    int id = ((buf[0] & 0xff) << 8) | (buf[1] & 0xff);
                    String name = questionName(buf);
                    if (!name.equals("silent.test")) {
                        byte[] answer = TestingDns.answerA(id, name, 60, "10.1.2.3");
                        socket.send(
                                new DatagramPacket(answer, answer.length, p.getSocketAddress()));
                    }
                } catch (IOException e) {
                    if (!socket.isClosed()) {
                        throw new IllegalStateException("DNS responder failed", e);
                    }
                }
            }
        }

        private static String questionName(byte[] b) {
            StringBuilder sb = new StringBuilder();
            int at = 12;
            while (b[at] != 0) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(new String(b, at + 1, b[at], StandardCharsets.US_ASCII));
                at += b[at] + 1;
            }
            return sb.toString();
        }

        /** Sends a real query from a fresh client socket; true when an answer came back. */
        boolean ask(int id, String name) throws IOException {
            try (DatagramSocket client =
                    new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                client.setSoTimeout(name.equals("silent.test") ? 200 : 3000);
                byte[] q = TestingDns.query(id, name, 1);
                client.send(
                        new DatagramPacket(
                                q, q.length, InetAddress.getByName("127.0.0.1"), port()));
                DatagramPacket reply = new DatagramPacket(new byte[512], 512);
                try {
                    client.receive(reply);
                    return true;
                } catch (java.net.SocketTimeoutException e) {
                    return false;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(2000);
        }
    }
}
