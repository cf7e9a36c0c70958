package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.Transport;
import io.netinsights.capture.testutils.TestingHttp2;
import io.netinsights.capture.testutils.TestingParserContext;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.netinsights.capture.testutils.TestingHttp2.CONTINUATION;
import static io.netinsights.capture.testutils.TestingHttp2.DATA;
import static io.netinsights.capture.testutils.TestingHttp2.END_HEADERS;
import static io.netinsights.capture.testutils.TestingHttp2.END_STREAM;
import static io.netinsights.capture.testutils.TestingHttp2.HEADERS;
import static io.netinsights.capture.testutils.TestingHttp2.PADDED;
import static io.netinsights.capture.testutils.TestingHttp2.PRIORITY_FLAG;
import static io.netinsights.capture.testutils.TestingHttp2.PUSH_PROMISE;
import static io.netinsights.capture.testutils.TestingHttp2.concat;
import static io.netinsights.capture.testutils.TestingHttp2.int32;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams of synthetic HTTP/2 connections become request and response messages: framing (padding,
 * priority, CONTINUATION, trailers), gRPC, push promises and table size settings, and the same
 * result however the bytes are cut into segments.
 */
class Http2ConversationTest {

    static final int MAX_BODY = 1 << 16;

    @Test
    void priorKnowledgeExchangeWithPaddingPriorityContinuationAndTrailers() {
        TestingHttp2 client = new TestingHttp2().preface().settings();
        byte[] block =
                client.block(
                        ":method",
                        "POST",
                        ":scheme",
                        "http",
                        ":path",
                        "/upload?x=1&y=2",
                        ":authority",
                        "example.com",
                        "content-type",
                        "text/plain",
                        "cookie",
                        "a=1",
                        "cookie",
                        "b=2");
        byte[] first = Arrays.copyOf(block, 10);
        byte[] rest = Arrays.copyOfRange(block, 10, block.length);
        // HEADERS padded (pad length 3) with priority (5 bytes), then a CONTINUATION.
        client.frame(
                HEADERS,
                PADDED | PRIORITY_FLAG,
                1,
                concat(new byte[] {3}, int32(0), new byte[] {15}, first, new byte[3]));
        client.frame(CONTINUATION, END_HEADERS, 1, rest);
        client.frame(
                DATA, PADDED | END_STREAM, 1, concat(new byte[] {2}, ascii("hi!"), new byte[2]));
        TestingHttp2 server = new TestingHttp2().settings();
        server.headers(1, false, ":status", "200", "content-type", "text/plain", "x-a", "1");
        server.data(1, false, ascii("hel"));
        server.data(1, false, ascii("lo"));
        server.headers(1, true, "x-trailer", "done");

        TestingParserContext c = run(client.bytes(), server.bytes(), 1 << 20);

        assertThat(c.parseErrors).isZero();
        assertThat(c.messages).hasSize(2);
        Message req = c.messages.get(0);
        assertThat(req.isRequest()).isTrue();
        assertThat(req.key()).isEqualTo(1);
        assertThat(req.direction()).isZero();
        assertThat(req.protocol()).isSameAs(Http2Dissector.HTTP2);
        assertThat(req.size()).isEqualTo(9 + 1 + 5 + 10 + 3 + 9 + rest.length + 9 + 6);
        assertThat(c.json(0))
                .containsEntry("method", "POST")
                .containsEntry("url", "/upload?x=1&y=2")
                .containsEntry("path", "/upload")
                .containsEntry("pathSegments", List.of("upload"))
                .containsEntry("httpVersion", "HTTP/2.0")
                .containsEntry("queryString", Map.of("x", "1", "y", "2"))
                .containsEntry("cookies", Map.of("a", "1", "b", "2"))
                .containsEntry("postData", Map.of("mimeType", "text/plain", "text", "hi!"))
                .containsEntry("bodySize", 3);
        assertThat(c.json(0).get("headers"))
                .isEqualTo(
                        Map.of(
                                ":method", "POST",
                                ":scheme", "http",
                                ":path", "/upload?x=1&y=2",
                                ":authority", "example.com",
                                "Content-Type", "text/plain",
                                "Cookie", "a=1; b=2"));
        Message resp = c.messages.get(1);
        assertThat(resp.isRequest()).isFalse();
        assertThat(resp.direction()).isEqualTo(1);
        assertThat(resp.errorType()).isNull();
        assertThat(c.json(1))
                .containsEntry("status", 200)
                .containsEntry("statusText", "OK")
                .containsEntry("bodySize", 5)
                .containsEntry(
                        "content",
                        Map.of(
                                "mimeType",
                                "text/plain",
                                "size",
                                5,
                                "encoding",
                                "",
                                "text",
                                "hello"))
                .containsEntry(
                        "headers",
                        Map.of(
                                ":status", "200",
                                "Content-Type", "text/plain",
                                "X-A", "1",
                                "X-Trailer", "done"));
    }

    @Test
    void bytesCutAnywhereGiveTheSameMessages() {
        TestingHttp2 client = new TestingHttp2().preface().settings();
        TestingHttp2 server = new TestingHttp2().settings();
        for (int id = 1; id <= 7; id += 2) {
            client.headers(id, true, ":method", "GET", ":path", "/r" + id, ":authority", "h");
            server.headers(id, false, ":status", "200", "content-type", "text/plain");
            server.data(id, true, ascii("body " + id));
        }
        TestingParserContext whole = run(client.bytes(), server.bytes(), 1 << 20);
        Random random = new Random(3);
        for (int round = 0; round < 20; round++) {
            int chunk = round == 0 ? 1 : 1 + random.nextInt(40);

            TestingParserContext cut = run(client.bytes(), server.bytes(), chunk);

            assertThat(jsons(cut)).as("chunk %d", chunk).isEqualTo(jsons(whole));
        }
        assertThat(whole.messages).hasSize(8);
        assertThat(whole.json(0)).containsEntry("path", "/r1");
        assertThat(whole.json(7)).containsEntry("status", 200);
    }

    @Test
    void grpcCallHasServiceMethodStatusAndBase64Messages() {
        byte[] m1 = {8, 1};
        byte[] m2 = {8, 2, 16, 3};
        TestingHttp2 client = new TestingHttp2().preface().settings();
        client.headers(
                1,
                false,
                ":method",
                "POST",
                ":scheme",
                "http",
                ":path",
                "/pkg.v1.Greeter/SayHello",
                ":authority",
                "h:50051",
                "content-type",
                "application/grpc",
                "te",
                "trailers");
        client.data(1, true, concat(TestingHttp2.grpcMessage(m1), TestingHttp2.grpcMessage(m2)));
        TestingHttp2 server = new TestingHttp2().settings();
        server.headers(1, false, ":status", "200", "content-type", "application/grpc+proto");
        server.data(1, false, TestingHttp2.grpcMessage(m2));
        server.headers(1, true, "grpc-status", "5", "grpc-message", "not%20found");

        TestingParserContext c = run(client.bytes(), server.bytes(), 1 << 20);

        assertThat(c.messages).extracting(Message::protocol).containsOnly(Http2Dissector.GRPC);
        assertThat(Http2Dissector.GRPC.abbr()).isEqualTo("gRPC");
        String b64m1 = Base64.getEncoder().encodeToString(m1);
        String b64m2 = Base64.getEncoder().encodeToString(m2);
        assertThat(c.json(0))
                .containsEntry("method", "POST")
                .containsEntry("grpcService", "pkg.v1.Greeter")
                .containsEntry("grpcMethod", "SayHello")
                .containsEntry(
                        "postData",
                        Map.of("mimeType", "application/grpc", "text", b64m1 + "\n" + b64m2))
                .containsEntry("bodySize", 16);
        assertThat(c.json(1))
                .containsEntry("grpcStatus", 5)
                .containsEntry("grpcMessage", "not found")
                .containsEntry(
                        "content",
                        Map.of(
                                "mimeType",
                                "application/grpc+proto",
                                "size",
                                9,
                                "encoding",
                                "base64",
                                "text",
                                b64m2));
    }

    @Test
    void pushPromiseIsNoItemButKeepsTheHpackState() {
        TestingHttp2 client = new TestingHttp2().preface().settings();
        client.headers(1, true, ":method", "GET", ":path", "/", ":authority", "h");
        TestingHttp2 server = new TestingHttp2().settings();
        // The promise inserts ":path /style.css" and "x-push: yes" into the server's table ...
        byte[] promise = server.block(":method", "GET", ":path", "/style.css", "x-push", "yes");
        server.frame(PUSH_PROMISE, END_HEADERS, 1, concat(int32(2), promise));
        // ... which the response and the pushed stream then refer to.
        server.headers(1, false, ":status", "200", "x-push", "yes");
        server.data(1, true, ascii("<html>"));
        server.headers(2, false, ":status", "200", "x-push", "yes");
        server.data(2, true, ascii("body{}"));

        TestingParserContext c = run(client.bytes(), server.bytes(), 1 << 20);

        assertThat(c.parseErrors).isZero();
        assertThat(c.messages).hasSize(2);
        assertThat(c.messages.get(1).errorType()).isNull();
        assertThat(c.json(1).get("headers")).isEqualTo(Map.of(":status", "200", "X-Push", "yes"));
    }

    @Test
    void settingsHeaderTableSizeAllowsALargerTable() {
        TestingHttp2 client = new TestingHttp2().preface().settings(1, 8192);
        client.headers(1, true, ":method", "GET", ":path", "/", ":authority", "h");
        TestingHttp2 server = new TestingHttp2(4096).settings();
        byte[] update = server.tableSizeUpdate(8192);
        server.frame(
                HEADERS,
                END_HEADERS | END_STREAM,
                1,
                concat(update, server.block(":status", "204")));

        TestingParserContext allowed = run(client.bytes(), server.bytes(), 1 << 20);
        TestingHttp2 plainClient = new TestingHttp2().preface().settings();
        plainClient.headers(1, true, ":method", "GET", ":path", "/", ":authority", "h");
        TestingParserContext noSettings = run(plainClient.bytes(), server.bytes(), 1 << 20);

        assertThat(allowed.parseErrors).isZero();
        assertThat(allowed.json(1))
                .containsEntry("status", 204)
                .containsEntry("statusText", "No Content");
        assertThat(noSettings.parseErrors).as("an update above the peer's limit").isEqualTo(1);
        assertThat(noSettings.json(1)).containsEntry("status", 204);
    }

    @Test
    void interimResponsesAreSkipped() {
        TestingHttp2 client = new TestingHttp2().preface();
        client.headers(1, false, ":method", "PUT", ":path", "/f", "expect", "100-continue");
        client.data(1, true, ascii("x"));
        TestingHttp2 server = new TestingHttp2();
        server.headers(1, false, ":status", "100");
        server.headers(1, true, ":status", "201");

        TestingParserContext c = run(client.bytes(), server.bytes(), 1 << 20);

        assertThat(c.messages).hasSize(2);
        assertThat(c.json(1)).containsEntry("status", 201).containsEntry("statusText", "Created");
    }

    /**
     * Feeds the client's bytes, then the server's, in chunks of {@code chunk} bytes (as TCP
     * segments), then ends both directions.
     */
    static TestingParserContext run(byte[] client, byte[] server, int chunk) {
        TestingParserContext c = new TestingParserContext(MAX_BODY);
        ConversationParser p = new Http2Dissector().newParser(Transport.TCP, c);
        long ts = feed(p, 0, client, chunk, 1_000_000);
        ts = feed(p, 1, server, chunk, ts);
        p.onEnd(0, ts);
        p.onEnd(1, ts);
        return c;
    }

    static long feed(ConversationParser p, int direction, byte[] b, int chunk, long ts) {
        for (int i = 0; i < b.length; i += chunk) {
            p.onData(direction, b, i, Math.min(chunk, b.length - i), ts++);
        }
        return ts;
    }

    private static List<String> jsons(TestingParserContext c) {
        List<String> out = new ArrayList<>();
        for (Message m : c.messages) {
            out.add(m.key() + " " + m.isRequest() + " " + m.json());
        }
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
