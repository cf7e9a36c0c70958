package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.Transport;
import io.netinsights.capture.dissect.http.HttpDissector;
import io.netinsights.capture.testutils.TestingHttp2;
import io.netinsights.capture.testutils.TestingParserContext;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static io.netinsights.capture.testutils.TestingHttp2.CONTINUATION;
import static io.netinsights.capture.testutils.TestingHttp2.DATA;
import static io.netinsights.capture.testutils.TestingHttp2.END_HEADERS;
import static io.netinsights.capture.testutils.TestingHttp2.END_STREAM;
import static io.netinsights.capture.testutils.TestingHttp2.HEADERS;
import static io.netinsights.capture.testutils.TestingHttp2.PADDED;
import static io.netinsights.capture.testutils.TestingHttp2.PING;
import static io.netinsights.capture.testutils.TestingHttp2.PRIORITY;
import static io.netinsights.capture.testutils.TestingHttp2.PRIORITY_FLAG;
import static io.netinsights.capture.testutils.TestingHttp2.PUSH_PROMISE;
import static io.netinsights.capture.testutils.TestingHttp2.WINDOW_UPDATE;
import static io.netinsights.capture.testutils.TestingHttp2.concat;
import static io.netinsights.capture.testutils.TestingHttp2.int32;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated HTTP/2 input, cut into random segments, never throws out of the parsers (nor
 * out of the HPACK decoder); damage shows up as parse errors, and whatever is emitted is valid
 * JSON. Runs a fixed number of rounds with fixed seeds, a few seconds in all.
 */
class Http2FuzzTest {

    private static final int ROUNDS = 3000;

    @Test
    void mutatedConnectionsAreCountedNotThrown() {
        byte[][] valid = validConnection();
        Random random = new Random(11);
        long errors = 0;
        long messages = 0;
        for (int round = 0; round < ROUNDS; round++) {
            TestingParserContext c = new TestingParserContext(4096);
            ConversationParser p = new Http2Dissector().newParser(Transport.TCP, c);
            feed(p, mutate(valid[0], random), mutate(valid[1], random), random);
            errors += c.parseErrors;
            messages += check(c);
        }
        assertThat(errors).isPositive();
        assertThat(messages).isPositive();
    }

    @Test
    void randomBytesAreCountedNotThrown() {
        Random random = new Random(12);
        long errors = 0;
        for (int round = 0; round < ROUNDS; round++) {
            TestingParserContext c = new TestingParserContext(4096);
            ConversationParser p = new Http2Dissector().newParser(Transport.TCP, c);
            byte[] a = new byte[random.nextInt(2000)];
            byte[] b = new byte[random.nextInt(2000)];
            random.nextBytes(a);
            random.nextBytes(b);
            if (round % 2 == 0) {
                a = concat(TestingHttp2.PREFACE, a); // past the preface, into the frames
            }
            feed(p, a, b, random);
            errors += c.parseErrors;
            check(c);
        }
        assertThat(errors).isPositive();
    }

    @Test
    void mutatedBytesAfterAnH2cUpgradeAreCountedNotThrown() {
        byte[][] valid = validConnection();
        byte[] request =
                ("GET / HTTP/1.1\r\nHost: h\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
        byte[] switched =
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(13);
        for (int round = 0; round < ROUNDS / 3; round++) {
            TestingParserContext c = new TestingParserContext(4096);
            ConversationParser p = new HttpDissector().newParser(Transport.TCP, c);
            p.onData(0, request, 0, request.length, 1);
            p.onData(1, switched, 0, switched.length, 2);
            byte[] server = mutate(Arrays.copyOfRange(valid[1], 0, valid[1].length), random);
            feed(p, mutate(valid[0], random), server, random);
            check(c);
        }
    }

    @Test
    void randomHeaderBlocksNeverThrow() {
        Random random = new Random(14);
        HpackDecoder d = new HpackDecoder();
        HeaderList out = new HeaderList();
        int failed = 0;
        for (int round = 0; round < ROUNDS * 10; round++) {
            byte[] b = new byte[random.nextInt(64)];
            random.nextBytes(b);
            out.clear();
            if (!d.decode(b, 0, b.length, out)) {
                failed++;
            }
            if (round % 100 == 0) {
                d.startMidConnection();
            }
        }
        assertThat(failed).isPositive();
    }

    /** A connection that uses every frame type: client bytes and server bytes. */
    static byte[][] validConnection() {
        TestingHttp2 client = new TestingHttp2().preface().settings(1, 8192, 4, 65535);
        client.frame(WINDOW_UPDATE, 0, 0, int32(1000));
        byte[] block =
                client.block(
                        ":method",
                        "POST",
                        ":path",
                        "/p.S/M",
                        ":authority",
                        "h",
                        "content-type",
                        "application/grpc",
                        "te",
                        "trailers");
        client.frame(
                HEADERS,
                PADDED | PRIORITY_FLAG,
                1,
                concat(
                        new byte[] {2},
                        int32(0),
                        new byte[] {7},
                        Arrays.copyOf(block, 5),
                        new byte[2]));
        client.frame(CONTINUATION, END_HEADERS, 1, Arrays.copyOfRange(block, 5, block.length));
        client.frame(
                DATA,
                PADDED | END_STREAM,
                1,
                concat(new byte[] {1}, TestingHttp2.grpcMessage(new byte[] {8, 1}), new byte[1]));
        client.frame(PRIORITY, 0, 3, concat(int32(1), new byte[] {3}));
        client.headers(3, true, ":method", "GET", ":path", "/x?y=1", ":authority", "h");
        client.frame(PING, 0, 0, new byte[8]);
        client.rst(3, 8);
        TestingHttp2 server = new TestingHttp2().settings(1, 4096);
        server.frame(
                PUSH_PROMISE,
                END_HEADERS,
                1,
                concat(int32(2), server.block(":method", "GET", ":path", "/pushed")));
        server.headers(1, false, ":status", "200", "content-type", "application/grpc");
        server.data(1, false, TestingHttp2.grpcMessage(new byte[] {8, 2}));
        server.headers(2, true, ":status", "200");
        server.headers(1, true, "grpc-status", "0", "grpc-message", "ok");
        server.goAway(3, 0);
        return new byte[][] {client.bytes(), server.bytes()};
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(5)) {
            case 0:
                return b;
            case 1:
                return Arrays.copyOf(b, random.nextInt(b.length + 1));
            case 2:
                byte[] junk = new byte[1 + random.nextInt(30)];
                random.nextBytes(junk);
                int at = random.nextInt(b.length);
                return concat(Arrays.copyOf(b, at), junk, Arrays.copyOfRange(b, at, b.length));
            default:
                for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                return b;
        }
    }

    private static void feed(ConversationParser p, byte[] a, byte[] b, Random random) {
        int i = 0;
        int j = 0;
        long ts = 1;
        while (i < a.length || j < b.length) {
            if (i < a.length && (j >= b.length || random.nextBoolean())) {
                int n = Math.min(a.length - i, 1 + random.nextInt(64));
                p.onData(0, a, i, n, ts++);
                i += n;
            } else {
                int n = Math.min(b.length - j, 1 + random.nextInt(64));
                p.onData(1, b, j, n, ts++);
                j += n;
            }
        }
        p.onEnd(0, ts);
        p.onEnd(1, ts);
    }

    /** Every message that has a body is a JSON object; returns how many there were. */
    private static int check(TestingParserContext c) {
        for (Message m : c.messages) {
            if (m.json() != null) {
                assertThat(ItemJson.parseObject(m.json())).isNotNull();
            }
        }
        return c.messages.size();
    }
}
