package io.netinsights.capture;

import io.netinsights.capture.decode.LinkTypes;
import io.netinsights.capture.testutils.TestingFrames;
import io.netinsights.capture.testutils.TestingHttp2;
import io.netinsights.capture.testutils.TestingTcpSession;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/2 through the whole pipeline on scripted TCP connections: the HTTP/1.1 switches (h2c
 * upgrade, WebSocket, CONNECT), prior knowledge on any port, and stream errors as item errors.
 */
class CapturePipelineHttp2Test {

    private static final long T0 = 1_700_000_000_000_000L;

    private final List<ApiItem> items = new ArrayList<>();
    private final CaptureStats stats = new CaptureStats();

    @Test
    void h2cUpgradeGivesTheHttp1ItemAndStreamOne() {
        TestingHttp2 server = new TestingHttp2().settings();
        server.headers(1, false, ":status", "200", "content-type", "text/plain");
        server.data(1, true, ascii("upgraded"));
        byte[] serverFirst = server.drain();
        // The server's encoder goes on with its table: the second response reuses its entries.
        server.headers(3, true, ":status", "404", "content-type", "text/plain");
        byte[] serverSecond = server.drain();
        TestingHttp2 client = new TestingHttp2().preface().settings();
        client.headers(3, true, ":method", "GET", ":path", "/second", ":authority", "h");

        run(
                session(8080)
                        .clientSends(
                                "GET /first HTTP/1.1\r\nHost: h\r\nConnection: Upgrade,"
                                        + " HTTP2-Settings\r\nUpgrade: h2c\r\n"
                                        + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n")
                        .serverSends(
                                concat(
                                        "HTTP/1.1 101 Switching Protocols\r\nConnection:"
                                                + " Upgrade\r\nUpgrade: h2c\r\n\r\n",
                                        serverFirst))
                        .clientSends(latin1(client.bytes()))
                        .serverSends(serverSecond)
                        .close());

        assertThat(items).hasSize(3);
        assertThat(items.get(0).getProtocol().getVersion()).isEqualTo("1.1");
        assertThat(ItemJson.parseObject(items.get(0).getResponse())).containsEntry("status", 101);
        ApiItem upgraded = items.get(1);
        assertThat(upgraded.getProtocol().getAbbr()).isEqualTo("HTTP/2");
        assertThat(ItemJson.parseObject(upgraded.getRequest()))
                .containsEntry("url", "/first")
                .containsEntry("httpVersion", "HTTP/1.1");
        assertThat(ItemJson.parseObject(upgraded.getResponse()))
                .containsEntry("status", 200)
                .containsEntry("httpVersion", "HTTP/2.0");
        assertThat(ItemJson.parseObject(items.get(2).getRequest())).containsEntry("url", "/second");
        assertThat(ItemJson.parseObject(items.get(2).getResponse()))
                .containsEntry("status", 404)
                .containsEntry("headers", Map.of(":status", "404", "Content-Type", "text/plain"));
        assertThat(items.get(2).getError()).isNull();
        assertThat(stats.parseErrors()).isZero();
    }

    @Test
    void webSocketUpgradeIsLeftAloneQuietly() {
        run(
                session(80)
                        .clientSends(
                                "GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
                                        + "Connection: Upgrade\r\n\r\n")
                        .serverSends(
                                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                        + "Connection: Upgrade\r\n\r\n\u0081\u0002hi")
                        .clientSends("\u0081\u0082abcdXY")
                        .close());

        assertThat(items).hasSize(1);
        assertThat(stats.parseErrors()).isZero();
    }

    @Test
    void priorKnowledgeOnAnyPortAndResetBecomesTheItemsError() {
        TestingHttp2 client = new TestingHttp2().preface().settings();
        client.headers(1, true, ":method", "GET", ":path", "/slow", ":authority", "h");
        TestingHttp2 server = new TestingHttp2().settings().rst(1, 8);

        run(session(12345).clientSends(latin1(client.bytes())).serverSends(server.bytes()).close());

        assertThat(items).hasSize(1);
        ApiItem item = items.get(0);
        assertThat(item.getProtocol().getMacro()).isEqualTo("http2");
        assertThat(item.getResponse()).isNull();
        assertThat(item.getError().getType()).isEqualTo("stream-reset");
        assertThat(item.getError().getMsg()).isEqualTo("RST_STREAM CANCEL from the server");
        assertThat(item.getElapsedTime()).isEqualTo(1);
        assertThat(ItemJson.parseObject(item.getRequest())).containsEntry("path", "/slow");
    }

    @Test
    void midConnectionFramesAreRecognisedWithoutPreface() {
        TestingHttp2 client = new TestingHttp2();
        client.headers(5, true, ":method", "GET", ":path", "/late", ":authority", "h");
        TestingHttp2 server = new TestingHttp2();
        server.headers(5, true, ":status", "204");

        run(session(9999).clientSends(latin1(client.bytes())).serverSends(server.bytes()).close());

        assertThat(items).hasSize(1);
        assertThat(items.get(0).getError()).isNull();
        assertThat(ItemJson.parseObject(items.get(0).getResponse()))
                .containsEntry("status", 204)
                .containsEntry("headers", Map.of(":status", "204"));
    }

    private TestingTcpSession session(int port) {
        return new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", port, T0).handshake();
    }

    private void run(TestingTcpSession s) {
        CapturePipeline p = new CapturePipeline(CaptureOptions.defaults(), stats, items::add);
        for (TestingFrames.Frame f : s.frames(TestingFrames::ethernet)) {
            p.onPacket(LinkTypes.ETHERNET, f.bytes, f.bytes.length, f.tsMicros);
        }
        p.finish();
    }

    private static byte[] concat(String http1, byte[] h2) {
        return TestingHttp2.concat(http1.getBytes(StandardCharsets.ISO_8859_1), h2);
    }

    /** The bytes as a string that TestingTcpSession turns back into the same bytes. */
    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
