package io.netinsights.capture.dissect.http;

import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.testutils.TestingParserContext;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/1.x framing and the JSON of requests and responses, fed directly to the parser. */
class HttpConversationTest {

    private static final int CLIENT = 0;
    private static final int SERVER = 1;

    private final TestingParserContext ctx = new TestingParserContext(1024);
    private final HttpConversation http = new HttpConversation(ctx);

    @Test
    void chunkedResponseWithExtensionsAndTrailers() {
        send(CLIENT, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
        send(
                SERVER,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");

        assertThat(ctx.messages).hasSize(2);
        assertThat(content(1)).containsEntry("text", "hello world").containsEntry("size", 11);
        assertThat(ctx.json(1)).containsEntry("bodySize", 11);
        assertThat(ctx.messages.get(1).size())
                .isEqualTo(
                        ascii(
                                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n")
                                .length);
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void byteByByteGivesTheSameMessages() {
        String req = "POST /p?x=1 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
        String resp =
                "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nxyz\r\n0\r\n\r\n";
        for (byte b : ascii(req)) {
            http.onData(CLIENT, new byte[] {b}, 0, 1, 1);
        }
        for (byte b : ascii(resp)) {
            http.onData(SERVER, new byte[] {b}, 0, 1, 2);
        }

        assertThat(ctx.messages).hasSize(2);
        assertThat(ctx.json(0)).containsEntry("postData", Map.of("mimeType", "", "text", "abc"));
        assertThat(content(1)).containsEntry("text", "xyz");
        assertThat(ctx.messages.get(0).size()).isEqualTo(req.length());
        assertThat(ctx.messages.get(1).size()).isEqualTo(resp.length());
    }

    @Test
    void pipelinedRequestsInOneSegment() {
        send(CLIENT, "GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\n");

        assertThat(ctx.messages).extracting(Message::isRequest).containsExactly(true, true, true);
        assertThat(ctx.json(2)).containsEntry("url", "/3");
    }

    @Test
    void headResponseHasNoBodyDespiteContentLength() {
        send(CLIENT, "HEAD /f HTTP/1.1\r\n\r\nGET /g HTTP/1.1\r\n\r\n");
        send(
                SERVER,
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        assertThat(ctx.messages).hasSize(4);
        assertThat(ctx.json(2)).containsEntry("bodySize", 0);
        assertThat(content(3)).containsEntry("text", "ok");
    }

    @Test
    void noContentAndNotModifiedHaveNoBody() {
        send(CLIENT, "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
        send(SERVER, "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\n\r\n");

        assertThat(ctx.messages).hasSize(4);
        assertThat(ctx.json(3))
                .containsEntry("status", 304)
                .containsEntry("statusText", "Not Modified");
    }

    @Test
    void interimResponsesAreSkipped() {
        send(CLIENT, "PUT /u HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        send(SERVER, "HTTP/1.1 100 Continue\r\n\r\n");
        send(CLIENT, "hi");
        send(
                SERVER,
                "HTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        assertThat(ctx.messages).extracting(Message::isRequest).containsExactly(true, false);
        assertThat(ctx.json(1)).containsEntry("status", 200);
    }

    @Test
    void bodyUntilCloseCompletesAtTheEnd() {
        send(CLIENT, "GET / HTTP/1.0\r\n\r\n");
        send(SERVER, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of ");
        send(SERVER, "this");
        assertThat(ctx.messages).hasSize(1);

        http.onEnd(SERVER, 9);

        assertThat(ctx.messages).hasSize(2);
        assertThat(content(1)).containsEntry("text", "all of this");
        assertThat(ctx.messages.get(0).protocol().version()).isEqualTo("1.0");
    }

    @Test
    void switchingProtocolsStopsParsing() {
        send(CLIENT, "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        send(
                SERVER,
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0005hello");
        send(CLIENT, "\u0081\u0085xxxxGET / HTTP/1.1\r\n\r\n");

        assertThat(ctx.messages).hasSize(2);
        assertThat(ctx.json(1)).containsEntry("status", 101);
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void gzipBodyIsDecodedAndCapped() throws Exception {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(z)) {
            gz.write(ascii("{\"a\":\"" + "x".repeat(3000) + "\"}"));
        }
        byte[] body = z.toByteArray();
        send(CLIENT, "GET / HTTP/1.1\r\n\r\n");
        send(
                SERVER,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                        + "Content-Length: "
                        + body.length
                        + "\r\n\r\n");
        http.onData(SERVER, body, 0, body.length, 3);

        Map<String, Object> content = content(1);
        assertThat(content).containsEntry("size", 1024).containsEntry("encoding", "");
        assertThat((String) content.get("text")).startsWith("{\"a\":\"xxx").hasSize(1024);
        assertThat(ctx.json(1)).containsEntry("bodySize", body.length);
    }

    @Test
    void largeBodyIsCappedButMeasured() {
        send(CLIENT, "POST / HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\n");
        send(CLIENT, "y".repeat(5000));

        assertThat(ctx.json(0)).containsEntry("bodySize", 5000);
        assertThat(((Map<?, ?>) ctx.json(0).get("postData")).get("text").toString()).hasSize(1024);
    }

    @Test
    void binaryBodyIsBase64() {
        send(CLIENT, "GET /i HTTP/1.1\r\n\r\n");
        byte[] head =
                ascii("HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\nContent-Length: 4\r\n\r\n");
        http.onData(SERVER, head, 0, head.length, 1);
        http.onData(SERVER, new byte[] {0, 1, 2, (byte) 0xff}, 0, 4, 1);

        assertThat(content(1))
                .containsEntry("encoding", "base64")
                .containsEntry("text", "AAEC/w==");
    }

    @Test
    void urlQueryCookiesAndHeadersAreShapedLikeKubeshark() {
        send(
                CLIENT,
                "GET http://h:8080/a%20b/c/?q=1&q=2&x=y+z&flag HTTP/1.1\r\n"
                        + "content-type: text/plain\r\nX-Multi: 1\r\nx-multi: 2\r\n"
                        + "Cookie: a=1; b=\"2\"\r\n\r\n");
        send(SERVER, "HTTP/1.1 200 OK\r\nSet-Cookie: s=abc; Path=/\r\nContent-Length: 0\r\n\r\n");

        Map<String, Object> req = ctx.json(0);
        assertThat(req)
                .containsEntry("url", "http://h:8080/a%20b/c/?q=1&q=2&x=y+z&flag")
                .containsEntry("path", "/a b/c/")
                .containsEntry("pathSegments", List.of("a b", "c", ""))
                .containsEntry(
                        "queryString", Map.of("q", List.of("1", "2"), "x", "y z", "flag", ""))
                .containsEntry("cookies", Map.of("a", "1", "b", "2"))
                .containsEntry(
                        "headers",
                        Map.of(
                                "Content-Type",
                                "text/plain",
                                "X-Multi",
                                "1, 2",
                                "Cookie",
                                "a=1; b=\"2\""));
        assertThat(ctx.json(1)).containsEntry("cookies", Map.of("s", "abc"));
    }

    @Test
    void captureStartingMidMessageResynchronises() {
        send(SERVER, "tail of an earlier body\r\n<html></html>\r\n");
        send(CLIENT, "GET /next HTTP/1.1\r\n\r\n");
        send(SERVER, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        assertThat(ctx.messages).hasSize(2);
        assertThat(ctx.parseErrors).isEqualTo(1);
    }

    @Test
    void brokenChunkFramingStopsTheDirection() {
        send(
                CLIENT,
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
                        + "GET /smuggled HTTP/1.1\r\n\r\n");

        assertThat(ctx.messages).hasSize(1);
        assertThat(ctx.json(0)).containsEntry("url", "/");
        assertThat(ctx.parseErrors).isEqualTo(1);
    }

    @Test
    void oversizedHeaderIsAnError() {
        send(CLIENT, "GET / HTTP/1.1\r\n");
        for (int i = 0; i < 2000; i++) {
            send(CLIENT, "X-Filler-" + i + ": " + "v".repeat(40) + "\r\n");
        }
        send(CLIENT, "\r\n");

        assertThat(ctx.messages).isEmpty();
        assertThat(ctx.parseErrors).isEqualTo(1);
    }

    @Test
    void connectionEndingInsideAHeadIsAnError() {
        send(CLIENT, "GET / HTTP/1.1\r\nHost: h\r\n");
        http.onEnd(CLIENT, 5);

        assertThat(ctx.messages).isEmpty();
        assertThat(ctx.parseErrors).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> content(int i) {
        return (Map<String, Object>) ctx.json(i).get("content");
    }

    private void send(int direction, String s) {
        byte[] b = ascii(s);
        http.onData(direction, b, 0, b.length, 1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
