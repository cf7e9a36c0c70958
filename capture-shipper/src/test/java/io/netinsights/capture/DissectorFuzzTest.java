package io.netinsights.capture;

import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.decode.LinkTypes;
import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.Transport;
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

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.netinsights.capture.testutils.TestingHttp2.END_HEADERS;
import static io.netinsights.capture.testutils.TestingHttp2.END_STREAM;
import static io.netinsights.capture.testutils.TestingHttp2.HEADERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * One fuzz harness (jqwik) for every dissector and the packet decoder. Valid conversations of each
 * protocol, mutated (bit flips, truncation, duplicated stretches, corrupted length fields, inserted
 * junk) or replaced by random bytes, are fed in random pieces with random TCP gaps; the frames of
 * the shared captures, damaged, go through the whole pipeline. Nothing may throw, bad input is a
 * parse error and never an internal error, everything emitted is valid JSON, and each try must end
 * within a time bound (a parser that stops making progress fails). Tries are set so the class runs
 * in about ten seconds. The conversations are {@link FuzzSamples}, the changes {@link
 * FuzzMutation}s.
 */
class DissectorFuzzTest {

    private static final int TRIES = 2000;
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final List<FuzzSamples.Sample> SAMPLES = FuzzSamples.all();
    private static final List<Path> CAPTURES = sharedCaptures();

    @Example
    void intactSamplesGiveMessages() {
        for (FuzzSamples.Sample s : SAMPLES) {
            TestingParserContext ctx = parse(s, s.client(), s.server(), new Random(1), false);
            assertThat(ctx.messages).as(s.name()).isNotEmpty();
        }
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN)
    void mutatedConversationsAreCountedNotThrown(
            @ForAll("samples") FuzzSamples.Sample sample,
            @ForAll @Size(min = 1, max = 4) List<@From("mutations") FuzzMutation> client,
            @ForAll @Size(max = 4) List<@From("mutations") FuzzMutation> server,
            @ForAll long seed) {
        TestingParserContext ctx =
                parse(sample, apply(sample.client(), client), apply(sample.server(), server), seed);
        // the harness is not vacuous: every dissector is tried, damage is seen, messages come out
        Statistics.label("dissector").collect(sample.name());
        Statistics.label("parse errors").collect(ctx.parseErrors > 0);
        Statistics.label("messages").collect(!ctx.messages.isEmpty());
        Statistics.label("dissector")
                .coverage(c -> SAMPLES.forEach(x -> c.check(x.name()).count(n -> n > 0)));
        Statistics.label("parse errors").coverage(c -> c.check(true).percentage(p -> p > 5));
        Statistics.label("messages").coverage(c -> c.check(true).percentage(p -> p > 30));
    }

    @Property(tries = TRIES / 4, edgeCases = EdgeCasesMode.MIXIN)
    void randomBytesAreCountedNotThrown(
            @ForAll("samples") FuzzSamples.Sample sample,
            @ForAll @Size(max = 1500) byte[] client,
            @ForAll @Size(max = 1500) byte[] server,
            @ForAll long seed) {
        parse(sample, client, server, seed);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void damagedCaptureFramesAreCountedNotThrown(
            @ForAll("captures") Path file, @ForAll("mutations") FuzzMutation m, @ForAll long seed)
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
    Arbitrary<FuzzSamples.Sample> samples() {
        return Arbitraries.of(SAMPLES);
    }

    @Provide
    Arbitrary<FuzzMutation> mutations() {
        return Combinators.combine(
                        Arbitraries.of(FuzzMutation.Kind.class),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.integers().between(1, 64),
                        Arbitraries.integers().between(0, 255))
                .as(FuzzMutation::new);
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

    private static FuzzSamples.Sample sample(String name) {
        return SAMPLES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static byte[] apply(byte[] b, List<FuzzMutation> mutations) {
        for (FuzzMutation m : mutations) {
            b = m.apply(b);
        }
        return b;
    }

    // ---- running a dissector

    private static TestingParserContext parse(
            FuzzSamples.Sample s, byte[] client, byte[] server, long seed) {
        Random random = new Random(seed);
        TestingParserContext ctx =
                assertTimeoutPreemptively(
                        BOUND, () -> parse(s, client, server, random, random.nextInt(4) == 0));
        for (Message m : ctx.messages) {
            if (m.json() != null) {
                Map<String, Object> json = ItemJson.parseObject(m.json());
                if (s.key() != null) {
                    assertThat(json).as(s.name()).containsKey(s.key());
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
            FuzzSamples.Sample s, byte[] client, byte[] server, Random random, boolean gaps) {
        s.dissector().score(s.transport(), 40000, s.port(), client, 0, client.length);
        s.dissector().score(s.transport(), s.port(), 40000, server, 0, server.length);
        TestingParserContext ctx = new TestingParserContext(1 + random.nextInt(4096));
        ConversationParser p = s.dissector().newParser(s.transport(), ctx);
        byte[][] sides = {client, server};
        int[] at = new int[2];
        long ts = 1;
        while (at[0] < client.length || at[1] < server.length) {
            int d = at[0] >= client.length ? 1 : at[1] >= server.length ? 0 : random.nextInt(2);
            int n = Math.min(sides[d].length - at[d], 1 + random.nextInt(96));
            if (s.transport() == Transport.UDP) {
                n = sides[d].length - at[d]; // one datagram per side
            }
            if (gaps && s.transport() == Transport.TCP && random.nextInt(6) == 0) {
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
