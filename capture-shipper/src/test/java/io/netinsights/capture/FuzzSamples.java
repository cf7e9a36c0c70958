package io.netinsights.capture;

import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.Transport;
import io.netinsights.capture.dissect.dns.DnsDissector;
import io.netinsights.capture.dissect.http.HttpDissector;
import io.netinsights.capture.dissect.http2.Http2Dissector;
import io.netinsights.capture.dissect.kafka.KafkaDissector;
import io.netinsights.capture.dissect.kafka.TestingKafkaFrames;
import io.netinsights.capture.dissect.postgres.PostgresDissector;
import io.netinsights.capture.dissect.postgres.TestingPgMessages;
import io.netinsights.capture.dissect.redis.RedisDissector;
import io.netinsights.capture.testutils.TestingDns;
import io.netinsights.capture.testutils.TestingHttp2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

/**
 * Valid conversations of every dissector, built field by field, that {@link DissectorFuzzTest}
 * mutates: HTTP/1 (keep-alive, chunked, interim and bodiless responses), an h2c upgrade, HTTP/2
 * with every frame type and gRPC, DNS over UDP and TCP, Redis (RESP2 and RESP3), Kafka and
 * PostgreSQL.
 */
final class FuzzSamples {

    private FuzzSamples() {}

    /**
     * A valid conversation of one dissector: what the client and the server send, and a key every
     * JSON body it emits has (or null).
     */
    record Sample(
            String name,
            Dissector dissector,
            Transport transport,
            int port,
            String key,
            byte[] client,
            byte[] server) {

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Sample> all() {
        List<Sample> out = new ArrayList<>();
        out.add(
                new Sample(
                        "http1",
                        new HttpDissector(),
                        Transport.TCP,
                        80,
                        null,
                        ascii(
                                "GET /a?x=1&y=%20 HTTP/1.1\r\nHost: h\r\nCookie: a=b; c=d\r\n\r\n"
                                        + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Type:"
                                        + " application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
                                        + "PUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                        + "3\r\nabc\r\n0\r\n\r\nHEAD / HTTP/1.0\r\n\r\n"),
                        ascii(
                                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
                                        + "HTTP/1.1 100 Continue\r\n\r\n"
                                        + "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n"
                                        + "Content-Type: text/plain\r\n\r\n5\r\nhello\r\n0\r\n"
                                        + "X-T: 1\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"
                                        + "HTTP/1.0 200 OK\r\nContent-Length: 9\r\n\r\n")));
        byte[][] h2 = http2Connection();
        out.add(new Sample("http2", new Http2Dissector(), Transport.TCP, 8080, null, h2[0], h2[1]));
        out.add(
                new Sample(
                        "h2c-upgrade",
                        new HttpDissector(),
                        Transport.TCP,
                        80,
                        null,
                        concat(
                                ascii(
                                        "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: h2c\r\n"
                                                + "Connection: Upgrade\r\n\r\n"),
                                h2[0]),
                        concat(
                                ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n"),
                                h2[1])));
        byte[] query = TestingDns.query(0x1234, "example.com", 1);
        byte[] answer = TestingDns.answerA(0x1234, "example.com", 60, "10.0.0.9");
        out.add(new Sample("dns-udp", new DnsDissector(), Transport.UDP, 53, null, query, answer));
        out.add(
                new Sample(
                        "dns-tcp",
                        new DnsDissector(),
                        Transport.TCP,
                        53,
                        null,
                        concat(prefixed(query), prefixed(TestingDns.query(7, "a.b", 28))),
                        concat(
                                prefixed(answer),
                                prefixed(TestingDns.answerA(7, "a.b", 1, "1.2.3.4")))));
        out.add(
                new Sample(
                        "redis",
                        new RedisDissector(),
                        Transport.TCP,
                        6379,
                        "type",
                        ascii(
                                "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\nPING\r\nGET key\r\n"
                                        + "*2\r\n$9\r\nSUBSCRIBE\r\n$1\r\nc\r\n"),
                        ascii(
                                "+OK\r\n-ERR x\r\n:12\r\n$-1\r\n*-1\r\n_\r\n#f\r\n,1.5\r\n"
                                        + "(12345\r\n!3\r\nbad\r\n=7\r\ntxt:abc\r\n%1\r\n+k\r\n"
                                        + "*1\r\n:1\r\n~1\r\n+s\r\n|1\r\n+a\r\n+b\r\n"
                                        + ">3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n"
                                        + "*3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n")));
        out.add(kafka());
        out.add(
                new Sample(
                        "postgres",
                        new PostgresDissector(),
                        Transport.TCP,
                        5432,
                        "type",
                        concat(
                                TestingPgMessages.startup("u", "d"),
                                TestingPgMessages.query("SELECT 1"),
                                TestingPgMessages.parse("s", "SELECT $1"),
                                TestingPgMessages.bind("", "s", "1", null),
                                TestingPgMessages.describePortal(""),
                                TestingPgMessages.execute(""),
                                TestingPgMessages.sync(),
                                TestingPgMessages.body().int32(7).typed('F')),
                        concat(
                                TestingPgMessages.auth(0),
                                TestingPgMessages.parameterStatus("a", "b"),
                                TestingPgMessages.ready('I'),
                                TestingPgMessages.rowDescription("x", "y"),
                                TestingPgMessages.dataRow("1", "2"),
                                TestingPgMessages.commandComplete("SELECT 1"),
                                TestingPgMessages.ready('I'),
                                TestingPgMessages.error("ERROR", "42000", "bad"),
                                TestingPgMessages.notice("n"),
                                TestingPgMessages.empty('1'),
                                TestingPgMessages.ready('I'))));
        return out;
    }

    /** Produce, Fetch, Metadata and ApiVersions requests and responses with plausible fields. */
    private static Sample kafka() {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        ByteArrayOutputStream broker = new ByteArrayOutputStream();
        int correlation = 100;
        int[][] calls = {{0, 3}, {1, 4}, {3, 1}, {18, 0}, {3, 9}, {18, 3}};
        for (int[] call : calls) {
            boolean flexible = call[0] == 3 ? call[1] >= 9 : call[0] == 18 && call[1] >= 3;
            TestingKafkaFrames req =
                    TestingKafkaFrames.request(call[0], call[1], correlation, "fuzz", flexible);
            TestingKafkaFrames resp =
                    TestingKafkaFrames.response(correlation++, flexible && call[0] != 18);
            if (call[0] == 0) {
                req.string("", false).int16(1).int32(1000).array(1, false).string("t", false);
                req.array(1, false).int32(0).bytes(TestingKafkaFrames.recordBatch(2, 70), false);
            } else {
                req.array(1, flexible).string("topic", flexible).tags();
            }
            resp.array(1, flexible).string("topic", flexible).int16(0).int32(7).tags();
            client.writeBytes(req.frame());
            broker.writeBytes(resp.frame());
        }
        return new Sample(
                "kafka",
                new KafkaDissector(),
                Transport.TCP,
                9092,
                "correlationID",
                client.toByteArray(),
                broker.toByteArray());
    }

    /** A connection that uses every HTTP/2 frame type: client bytes and server bytes. */
    private static byte[][] http2Connection() {
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

    private static byte[] prefixed(byte[] dns) {
        return concat(new byte[] {(byte) (dns.length >> 8), (byte) dns.length}, dns);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
