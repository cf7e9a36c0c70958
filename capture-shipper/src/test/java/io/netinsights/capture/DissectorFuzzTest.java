package io.netinsights.capture;

import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.decode.LinkTypes;
import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.Message;
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
import io.netinsights.capture.testutils.TestingParserContext;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.Pcaps;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * One fuzz harness (jqwik) for every dissector and the packet decoder. Valid conversations of each
 * protocol, mutated (bit flips, truncation, duplicated stretches, corrupted length fields, inserted
 * junk) or replaced by random bytes, are fed in random pieces with random TCP gaps; the frames of
 * the shared captures, damaged, go through the whole pipeline. Nothing may throw, bad input is a
 * parse error and never an internal error, everything emitted is valid JSON, and each try must end
 * within a time bound (a parser that stops making progress fails). Tries are set so the class runs
 * in a few seconds.
 */
class DissectorFuzzTest {

    private static final int TRIES = 2000;
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final List<Sample> SAMPLES = validSamples();
    private static final List<Path> CAPTURES = sharedCaptures();

    @Example
    void intactSamplesGiveMessages() {
        for (Sample s : SAMPLES) {
            TestingParserContext ctx = parse(s, s.client, s.server, new Random(1), false);
            assertThat(ctx.messages).as(s.name).isNotEmpty();
        }
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN)
    void mutatedConversationsAreCountedNotThrown(
            @ForAll("samples") Sample sample,
            @ForAll @Size(min = 1, max = 4) List<@From("mutations") Mutation> client,
            @ForAll @Size(max = 4) List<@From("mutations") Mutation> server,
            @ForAll long seed) {
        TestingParserContext ctx =
                parse(sample, apply(sample.client, client), apply(sample.server, server), seed);
        // the harness is not vacuous: every dissector is tried, damage is seen, messages come out
        Statistics.label("dissector").collect(sample.name);
        Statistics.label("parse errors").collect(ctx.parseErrors > 0);
        Statistics.label("messages").collect(!ctx.messages.isEmpty());
        Statistics.label("dissector")
                .coverage(c -> SAMPLES.forEach(x -> c.check(x.name).count(n -> n > 0)));
        Statistics.label("parse errors").coverage(c -> c.check(true).percentage(p -> p > 5));
        Statistics.label("messages").coverage(c -> c.check(true).percentage(p -> p > 30));
    }

    @Property(tries = TRIES / 4, edgeCases = EdgeCasesMode.MIXIN)
    void randomBytesAreCountedNotThrown(
            @ForAll("samples") Sample sample,
            @ForAll @Size(max = 1500) byte[] client,
            @ForAll @Size(max = 1500) byte[] server,
            @ForAll long seed) {
        parse(sample, client, server, seed);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void damagedCaptureFramesAreCountedNotThrown(
            @ForAll("captures") Path file, @ForAll("mutations") Mutation m, @ForAll long seed)
            throws Exception {
        Assume.that(Files.exists(file));
        Capture c = Capture.load(file);
        Random random = new Random(seed);
        List<ApiItem> out = new ArrayList<>();
        CaptureStats stats = new CaptureStats();
        assertTimeoutPreemptively(
                BOUND,
                () -> {
                    CapturePipeline p =
                            new CapturePipeline(CaptureOptions.defaults(), stats, out::add);
                    for (int i = 0; i < c.frames.size(); i++) {
                        // leave some frames intact so that flows get going
                        byte[] f =
                                random.nextInt(3) == 0 ? c.frames.get(i) : m.apply(c.frames.get(i));
                        p.onPacket(c.dlt, f, f.length, c.times.get(i));
                    }
                    p.finish();
                });
        assertThat(stats.get(Counter.INTERNAL_ERRORS)).as("%s", file).isZero();
        for (ApiItem item : out) {
            assertThat(ItemJson.fromJson(ItemJson.toJson(item))).isEqualTo(item);
        }
    }

    /** Random HPACK blocks in a well-framed HEADERS frame reach the HPACK decoder itself. */
    @Property(tries = TRIES / 2, edgeCases = EdgeCasesMode.MIXIN)
    void randomHeaderBlocksAreCountedNotThrown(
            @ForAll @Size(max = 128) byte[] block, @ForAll boolean client, @ForAll long seed) {
        TestingHttp2 c = new TestingHttp2().preface().settings(1, 4096);
        TestingHttp2 srv = new TestingHttp2().settings(1, 4096);
        (client ? c : srv).frame(HEADERS, END_HEADERS | END_STREAM, 1, block);
        parse(sample("http2"), c.bytes(), srv.bytes(), seed);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN)
    void randomFramesAreCountedNotThrown(
            @ForAll("linkTypes") int dlt, @ForAll @Size(max = 256) byte[] frame) {
        CaptureStats stats = new CaptureStats();
        CapturePipeline p = new CapturePipeline(CaptureOptions.defaults(), stats, item -> {});
        p.onPacket(dlt, frame, frame.length, 1);
        p.finish();
        assertThat(stats.get(Counter.INTERNAL_ERRORS)).isZero();
    }

    // ---- what is generated

    @Provide
    Arbitrary<Sample> samples() {
        return Arbitraries.of(SAMPLES);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.integers().between(1, 64),
                        Arbitraries.integers().between(0, 255))
                .as(Mutation::new);
    }

    @Provide
    Arbitrary<Integer> linkTypes() {
        return Arbitraries.of(
                LinkTypes.NULL,
                LinkTypes.ETHERNET,
                LinkTypes.RAW,
                LinkTypes.LOOP,
                LinkTypes.LINUX_SLL,
                LinkTypes.IPV4,
                LinkTypes.IPV6,
                LinkTypes.LINUX_SLL2);
    }

    @Provide
    Arbitrary<Path> captures() {
        // a path that does not exist when the shared captures are absent: the tries are skipped
        return CAPTURES.isEmpty()
                ? Arbitraries.just(Path.of("absent.pcap"))
                : Arbitraries.of(CAPTURES);
    }

    private static List<Path> sharedCaptures() {
        for (String candidate : new String[] {"../../shared/pcaps", "../shared/pcaps"}) {
            Path dir = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    return s.filter(p -> p.toString().endsWith(".pcap"))
                            .sorted()
                            .collect(Collectors.toList());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + dir, e);
                }
            }
        }
        return List.of();
    }

    /** How a {@link Mutation} changes bytes. */
    enum Kind {
        BIT_FLIP,
        TRUNCATE,
        DUPLICATE,
        LENGTH_FIELD,
        INSERT_JUNK,
        DELETE
    }

    /** One change at a relative position {@code at} of the input. */
    record Mutation(Kind kind, double at, int length, int value) {

        byte[] apply(byte[] b) {
            if (b.length == 0) {
                return b;
            }
            int i = Math.min(b.length - 1, (int) (at * b.length));
            int n = Math.min(length, b.length - i);
            switch (kind) {
                case BIT_FLIP:
                    byte[] f = b.clone();
                    f[i] ^= (byte) (1 << (value & 7));
                    return f;
                case TRUNCATE:
                    return Arrays.copyOf(b, i);
                case DUPLICATE:
                    return concat(Arrays.copyOf(b, i + n), Arrays.copyOfRange(b, i, b.length));
                case LENGTH_FIELD:
                    // 1, 2 or 4 bytes of a size set to an extreme: 0, all ones, a sign flip, ...
                    byte[] l = b.clone();
                    int width = new int[] {1, 2, 4}[value % 3];
                    byte fill = (byte) new int[] {0x00, 0xff, 0x7f, 0x80, value}[value % 5];
                    for (int k = 0; k < width && i + k < l.length; k++) {
                        l[i + k] = k == 0 ? fill : (byte) (fill == (byte) 0x80 ? 0 : fill);
                    }
                    return l;
                case INSERT_JUNK:
                    byte[] junk = new byte[n];
                    new Random(value).nextBytes(junk);
                    return concat(Arrays.copyOf(b, i), junk, Arrays.copyOfRange(b, i, b.length));
                case DELETE:
                default:
                    return concat(Arrays.copyOf(b, i), Arrays.copyOfRange(b, i + n, b.length));
            }
        }
    }

    private static Sample sample(String name) {
        return SAMPLES.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
    }

    private static byte[] apply(byte[] b, List<Mutation> mutations) {
        for (Mutation m : mutations) {
            b = m.apply(b);
        }
        return b;
    }

    // ---- running a dissector

    private static TestingParserContext parse(Sample s, byte[] client, byte[] server, long seed) {
        Random random = new Random(seed);
        TestingParserContext ctx =
                assertTimeoutPreemptively(
                        BOUND, () -> parse(s, client, server, random, random.nextInt(4) == 0));
        for (Message m : ctx.messages) {
            if (m.json() != null) {
                Map<String, Object> json = ItemJson.parseObject(m.json());
                if (s.key != null) {
                    assertThat(json).as(s.name).containsKey(s.key);
                }
            }
        }
        return ctx;
    }

    /**
     * Feeds both sides in random interleaved pieces (datagrams for UDP); with {@code gaps}, some
     * TCP pieces are left out and reported as gaps instead.
     */
    private static TestingParserContext parse(
            Sample s, byte[] client, byte[] server, Random random, boolean gaps) {
        s.dissector.score(s.transport, 40000, s.port, client, 0, client.length);
        s.dissector.score(s.transport, s.port, 40000, server, 0, server.length);
        TestingParserContext ctx = new TestingParserContext(1 + random.nextInt(4096));
        ConversationParser p = s.dissector.newParser(s.transport, ctx);
        byte[][] sides = {client, server};
        int[] at = new int[2];
        long ts = 1;
        while (at[0] < client.length || at[1] < server.length) {
            int d = at[0] >= client.length ? 1 : at[1] >= server.length ? 0 : random.nextInt(2);
            int n = Math.min(sides[d].length - at[d], 1 + random.nextInt(96));
            if (s.transport == Transport.UDP) {
                n = sides[d].length - at[d]; // one datagram per side
            }
            if (gaps && s.transport == Transport.TCP && random.nextInt(6) == 0) {
                p.onGap(d, n, ts++);
            } else {
                p.onData(d, sides[d], at[d], n, ts++);
            }
            at[d] += n;
        }
        p.onEnd(0, ts);
        p.onEnd(1, ts);
        return ctx;
    }

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

    private static List<Sample> validSamples() {
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

    /** The frames of one shared capture, read once. */
    private static final class Capture {
        private static final java.util.Map<Path, Capture> CACHE =
                new java.util.concurrent.ConcurrentHashMap<>();

        final int dlt;
        final List<byte[]> frames = new ArrayList<>();
        final List<Long> times = new ArrayList<>();

        private Capture(int dlt) {
            this.dlt = dlt;
        }

        static Capture load(Path file) throws Exception {
            Capture c = CACHE.get(file);
            if (c != null) {
                return c;
            }
            PcapHandle h = Pcaps.openOffline(file.toString(), TimestampPrecision.MICRO);
            try {
                c = new Capture(h.getDlt().value());
                while (true) {
                    try {
                        c.frames.add(h.getNextRawPacketEx());
                        c.times.add(h.getTimestamp().getTime() * 1000);
                    } catch (EOFException e) {
                        break;
                    }
                }
            } finally {
                h.close();
            }
            CACHE.put(file, c);
            return c;
        }
    }
}
