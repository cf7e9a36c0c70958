package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.testutils.TestingHttp2;
import io.netinsights.capture.testutils.TestingParserContext;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.netinsights.capture.dissect.http2.Http2ConversationTest.ascii;
import static io.netinsights.capture.dissect.http2.Http2ConversationTest.run;
import static io.netinsights.capture.testutils.TestingHttp2.CONTINUATION;
import static io.netinsights.capture.testutils.TestingHttp2.END_HEADERS;
import static io.netinsights.capture.testutils.TestingHttp2.PING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What goes wrong on real connections becomes an item's {@code error} or a parse error, never an
 * exception: resets, GOAWAY, HPACK state from before the capture, lost framing.
 */
class Http2StreamErrorsTest {

    @Test
    void resetBeforeAnyResponseIsAStreamResetWithoutResponse() {
        TestingHttp2 client = new TestingHttp2().preface();
        client.headers(1, true, ":method", "GET", ":path", "/slow", ":authority", "h");
        TestingHttp2 server = new TestingHttp2().rst(1, 8);

        TestingParserContext c = run(client.bytes(), server.bytes(), 1 << 20);

        assertThat(c.messages).hasSize(2);
        Message resp = c.messages.get(1);
        assertThat(resp.isRequest()).isFalse();
        assertThat(resp.key()).isEqualTo(1);
        assertThat(resp.json()).isNull();
        assertThat(resp.errorType()).isEqualTo("stream-reset");
        assertThat(resp.errorMsg()).isEqualTo("RST_STREAM CANCEL from the server");
        assertThat(c.parseErrors).isZero();
    }

    @Test
    void resetInTheMiddleOfTheResponseKeepsWhatArrived() {
        TestingHttp2 client = new TestingHttp2().preface();
        client.headers(1, true, ":method", "GET", ":path", "/big", ":authority", "h");
        TestingHttp2 server = new TestingHttp2();
        server.headers(1, false, ":status", "200", "content-type", "text/plain");
        server.data(1, false, ascii("part"));
        byte[] clientReset = new TestingHttp2().rst(1, 8).bytes();
        TestingParserContext c = new TestingParserContext(1 << 16);
        Http2Conversation p = new Http2Conversation(c);

        p.onData(0, client.bytes(), 0, client.bytes().length, 1);
        p.onData(1, server.bytes(), 0, server.bytes().length, 2);
        p.onData(0, clientReset, 0, clientReset.length, 3);

        assertThat(c.messages).hasSize(2);
        assertThat(c.messages.get(1).errorType()).isEqualTo("stream-reset");
        assertThat(c.messages.get(1).errorMsg()).isEqualTo("RST_STREAM CANCEL from the client");
        assertThat(c.json(1)).containsEntry("status", 200).containsEntry("bodySize", 4);
    }

    @Test
    void goAwayRefusesTheStreamsItDidNotProcess() {
        TestingHttp2 client = new TestingHttp2().preface();
        client.headers(1, true, ":method", "GET", ":path", "/a", ":authority", "h");
        client.headers(3, true, ":method", "GET", ":path", "/b", ":authority", "h");
        TestingHttp2 server = new TestingHttp2().goAway(1, 0);
        server.headers(1, true, ":status", "200");

        TestingParserContext c = run(client.bytes(), server.bytes(), 1 << 20);

        assertThat(c.messages).hasSize(4);
        Message refused = c.messages.get(2);
        assertThat(refused.key()).isEqualTo(3);
        assertThat(refused.json()).isNull();
        assertThat(refused.errorType()).isEqualTo("stream-reset");
        assertThat(refused.errorMsg()).isEqualTo("GOAWAY NO_ERROR from the server: refused");
        assertThat(c.messages.get(3).key()).isEqualTo(1);
        assertThat(c.messages.get(3).errorType()).isNull();
    }

    @Test
    void hpackStateFromBeforeTheCaptureIsADesyncNotGarbage() {
        // Both peers already sent one exchange, which the capture missed.
        TestingHttp2 client = new TestingHttp2();
        TestingHttp2 server = new TestingHttp2();
        client.block(":method", "POST", ":path", "/svc/Call", "content-type", "application/grpc");
        server.block(":status", "200", "content-type", "application/grpc");
        client.headers(3, true, ":method", "POST", ":path", "/svc/Call", "x-new", "1");
        server.headers(3, true, ":status", "200", "content-type", "application/grpc");

        TestingParserContext c = run(client.bytes(), server.bytes(), 1 << 20);

        assertThat(c.messages).hasSize(2);
        assertThat(c.json(0).get("headers"))
                .as("only the fields that are known")
                .isEqualTo(Map.of(":method", "POST", "X-New", "1"));
        assertThat(c.json(0)).containsEntry("url", "");
        assertThat(c.json(1)).containsEntry("status", 200);
        assertThat(c.messages.get(1).errorType()).isEqualTo("hpack-desync");
        assertThat(c.messages.get(1).errorMsg()).startsWith("2 header field(s)");
        assertThat(c.parseErrors).isZero();
    }

    @Test
    void continuationWithoutItsHeadersLosesOnlyThatDirectionsTable() {
        TestingHttp2 client = new TestingHttp2();
        client.frame(CONTINUATION, END_HEADERS, 1, client.block("x-a", "1"));
        client.headers(3, true, ":method", "GET", ":path", "/after", "x-a", "1");

        TestingParserContext c = run(client.bytes(), new byte[0], 1 << 20);

        assertThat(c.parseErrors).isEqualTo(1);
        assertThat(c.json(0)).containsEntry("url", "/after");
        assertThat(c.json(0).get("headers")).isEqualTo(Map.of(":method", "GET", ":path", "/after"));
    }

    @Test
    void impossibleFrameHeaderStopsTheDirection() {
        TestingHttp2 client = new TestingHttp2().preface();
        client.headers(1, true, ":method", "GET", ":path", "/", ":authority", "h");
        client.frame(PING, 0, 0, new byte[7]); // PING must have 8 bytes
        client.headers(3, true, ":method", "GET", ":path", "/never", ":authority", "h");
        TestingHttp2 server = new TestingHttp2();
        server.headers(1, true, ":status", "200");

        TestingParserContext c = run(client.bytes(), server.bytes(), 1 << 20);

        assertThat(c.parseErrors).isEqualTo(1);
        assertThat(c.messages).hasSize(2);
        assertThat(c.json(0)).containsEntry("url", "/");
    }
}
