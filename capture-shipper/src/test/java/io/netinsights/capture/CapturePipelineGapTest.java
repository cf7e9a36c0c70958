package io.netinsights.capture;

import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.decode.LinkTypes;
import io.netinsights.capture.testutils.TestPcaps;
import io.netinsights.capture.testutils.TestPcaps.Capture;
import io.netinsights.capture.testutils.TestingFrames;
import io.netinsights.capture.testutils.TestingPcapWriter;
import io.netinsights.capture.testutils.TestingTcpSession;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.Pcaps;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TCP gaps end to end: a segment the capture missed (and the peer acknowledged) in the middle of a
 * keep-alive connection. Exchanges before and after the gap come out whole; the one the gap hit is
 * marked ({@code extra.gap}, and {@code error.type} {@code gap} unless it has another error) or,
 * when the gap took its request, dropped and counted. The last test cuts a segment out of a
 * keep-alive flow of the shared captures.
 */
class CapturePipelineGapTest {

    private static final long T0 = 1_700_000_000_000_000L;

    private final List<ApiItem> items = new ArrayList<>();
    private final CaptureStats stats = new CaptureStats();

    @Test
    void httpGapInsideAResponseBodyMarksOnlyThatExchange() {
        TestingTcpSession s = http().handshake();
        exchange(s, "/one", "first");
        s.clientSends(get("/two"))
                .serverSends("HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\n0123456789")
                .serverSends("abcdefghij")
                .dropLast()
                .serverSends("ABCDEFGHIJ");
        exchange(s, "/three", "third");
        exchange(s, "/four", "fourth");
        run(s.close());

        assertThat(items)
                .extracting(CapturePipelineGapTest::path)
                .containsExactly("/one", "/two", "/three", "/four");
        assertThat(items)
                .extracting(CapturePipelineGapTest::gap)
                .containsExactly(null, "response", null, null);
        ApiItem two = items.get(1);
        assertThat(two.getError().getType()).isEqualTo("gap");
        assertThat(two.getError().getMsg()).contains("10 bytes");
        assertThat(response(two)).containsEntry("status", 200);
        assertThat(content(items.get(2))).isEqualTo("third");
        assertThat(content(items.get(3))).isEqualTo("fourth");
        assertThat(items.get(2).getError()).isNull();
        assertGaps(1, 10, 1);
        assertThat(stats.unpaired()).isZero();
    }

    @Test
    void httpGapFromOneResponseBodyIntoTheNextResponseMarksBoth() {
        TestingTcpSession s = http().handshake();
        exchange(s, "/one", "first");
        String three = ok("third");
        s.clientSends(get("/two"))
                .clientSends(get("/three")) // pipelined: both responses are in flight
                .serverSends("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n0123456789")
                .serverSends("abcdefghij" + three.substring(0, 20))
                .dropLast()
                .serverSends(three.substring(20));
        exchange(s, "/four", "fourth");
        run(s.close());

        assertThat(items)
                .extracting(CapturePipelineGapTest::path)
                .containsExactly("/one", "/two", "/three", "/four");
        assertThat(items)
                .extracting(CapturePipelineGapTest::gap)
                .containsExactly(null, "response", "response", null);
        assertThat(items.get(1).getError().getType()).isEqualTo("gap");
        assertThat(items.get(2).getError().getType()).isEqualTo("pair-not-found");
        assertThat(content(items.get(3))).isEqualTo("fourth");
        assertGaps(1, 30, 2);
    }

    @Test
    void httpResponseTakenWholeLeavesItsRequestUnpairedAndMarked() {
        TestingTcpSession s = http().handshake();
        exchange(s, "/one", "first");
        s.clientSends(get("/two")).serverSends(ok("second")).dropLast();
        exchange(s, "/three", "third");
        exchange(s, "/four", "fourth");
        run(s.close());

        assertThat(items)
                .extracting(CapturePipelineGapTest::path)
                .containsExactly("/one", "/two", "/three", "/four");
        ApiItem two = items.get(1);
        assertThat(two.getError().getType()).isEqualTo("pair-not-found");
        assertThat(two.getExtra()).containsEntry("gap", "response");
        assertThat(two.getResponse()).isNull();
        assertThat(content(items.get(2))).isEqualTo("third");
        assertThat(content(items.get(3))).isEqualTo("fourth");
        assertGaps(1, ok("second").length(), 1);
        assertThat(stats.get(Counter.ORPHAN_RESPONSES)).isZero();
    }

    @Test
    void httpRequestTakenWholeDropsItsExchange() {
        TestingTcpSession s = http().handshake();
        exchange(s, "/one", "first");
        s.clientSends(get("/two")).dropLast().serverSends(ok("second"));
        exchange(s, "/three", "third");
        run(s.close());

        assertThat(items)
                .extracting(CapturePipelineGapTest::path)
                .containsExactly("/one", "/three");
        assertThat(content(items.get(1))).isEqualTo("third");
        assertThat(items).allSatisfy(i -> assertThat(i.getError()).isNull());
        assertThat(stats.get(Counter.GAPS)).isEqualTo(1);
        assertThat(stats.get(Counter.GAP_DROPS)).isEqualTo(1);
        assertThat(stats.get(Counter.ORPHAN_RESPONSES)).isZero();
    }

    @Test
    void httpGapInsideALineResynchronisesAtTheNextStartLine() {
        TestingTcpSession s = http().handshake();
        exchange(s, "/one", "first");
        s.clientSends(get("/two"))
                .serverSends("HTTP/1.1 200 OK\r\nContent-")
                .serverSends("Length: 6\r\n\r\nsecond")
                .dropLast();
        exchange(s, "/three", "third");
        run(s.close());

        assertThat(items)
                .extracting(CapturePipelineGapTest::path)
                .containsExactly("/one", "/two", "/three");
        assertThat(items.get(1).getExtra()).containsEntry("gap", "response");
        assertThat(content(items.get(2))).isEqualTo("third");
        assertThat(stats.parseErrors()).isZero();
    }

    @Test
    void redisReplyLostInAGapKeepsThePipelineInStep() {
        TestingTcpSession s =
                new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", 6379, T0)
                        .handshake()
                        .clientSends(command("GET", "k1"))
                        .serverSends("$6\r\nvalue1\r\n")
                        .clientSends(command("GET", "k2"))
                        .serverSends("$10\r\nvalue")
                        .dropLast()
                        .serverSends("tail5\r\n") // the rest of the bulk: skipped, not a value
                        .clientSends(command("GET", "k3"))
                        .serverSends("$6\r\nvalue3\r\n")
                        .clientSends(command("GET", "k4"))
                        .serverSends("$6\r\nvalue4\r\n")
                        .close();
        run(s);

        assertThat(items)
                .extracting(i -> request(i).get("key"))
                .containsExactly("k1", "k2", "k3", "k4");
        assertThat(items)
                .extracting(i -> i.getResponse() == null ? null : response(i).get("value"))
                .containsExactly("value1", null, "value3", "value4");
        assertThat(items.get(1).getError().getType()).isEqualTo("pair-not-found");
        assertThat(items.get(1).getExtra()).containsEntry("gap", "response");
        assertGaps(1, 10, 1);
    }

    @Test
    void redisGapInsideABulkStringMarksTheValue() {
        TestingTcpSession s =
                new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", 6379, T0)
                        .handshake()
                        .clientSends(command("GET", "k1"))
                        .serverSends("$20\r\n0123456")
                        .serverSends("789")
                        .dropLast()
                        .serverSends("abcdefghij\r\n")
                        .clientSends(command("GET", "k2"))
                        .serverSends("$6\r\nvalue2\r\n")
                        .close();
        run(s);

        assertThat(items)
                .extracting(i -> response(i).get("value"))
                .containsExactly("0123456abcdefghij", "value2");
        assertThat(items).extracting(CapturePipelineGapTest::gap).containsExactly("response", null);
        assertGaps(1, 3, 1);
    }

    @Test
    void redisGapFromOneBulkStringIntoTheNextReplyMarksBoth() {
        TestingTcpSession s =
                new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", 6379, T0)
                        .handshake()
                        .clientSends(command("GET", "k1") + command("GET", "k2"))
                        .serverSends("$20\r\n0123456789")
                        .serverSends("abcdefghij\r\n$6\r\nval")
                        .dropLast()
                        .serverSends("ue2\r\n")
                        .clientSends(command("GET", "k3"))
                        .serverSends("$6\r\nvalue3\r\n")
                        .close();
        run(s);

        assertThat(items).extracting(i -> request(i).get("key")).containsExactly("k1", "k2", "k3");
        assertThat(items)
                .extracting(CapturePipelineGapTest::gap)
                .containsExactly("response", "response", null);
        assertThat(response(items.get(0))).containsEntry("value", "0123456789");
        assertThat(items.get(1).getError().getType()).isEqualTo("pair-not-found");
        assertThat(response(items.get(2))).containsEntry("value", "value3");
        assertGaps(1, 19, 2);
    }

    @Test
    void kafkaGapInsideAResponseFrameMarksItsItem() {
        TestingTcpSession s = kafka().handshake();
        s.clientSends(apiVersionsRequest(1)).serverSends(apiVersionsResponse(1, 3));
        byte[] two = apiVersionsResponse(2, 40);
        s.clientSends(apiVersionsRequest(2))
                .serverSends(slice(two, 0, 50))
                .serverSends(slice(two, 50, 100))
                .dropLast()
                .serverSends(slice(two, 100, two.length));
        s.clientSends(apiVersionsRequest(3)).serverSends(apiVersionsResponse(3, 3));
        run(s.close());

        assertThat(items)
                .extracting(i -> request(i).get("correlationID"))
                .containsExactly(CORRELATION_BASE + 1, CORRELATION_BASE + 2, CORRELATION_BASE + 3);
        assertThat(items)
                .extracting(CapturePipelineGapTest::gap)
                .containsExactly(null, "response", null);
        assertThat(response(items.get(1))).containsEntry("correlationID", CORRELATION_BASE + 2);
        assertThat(items.get(2).getError()).isNull();
        assertGaps(1, 50, 1);
    }

    @Test
    void kafkaGapAcrossFramesResynchronisesOnAKnownCorrelationId() {
        TestingTcpSession s = kafka().handshake();
        s.clientSends(apiVersionsRequest(1)).serverSends(apiVersionsResponse(1, 3));
        byte[] two = apiVersionsResponse(2, 3);
        s.clientSends(apiVersionsRequest(2))
                .clientSends(apiVersionsRequest(3))
                .serverSends(slice(two, 0, 10))
                .dropLast()
                .serverSends(concat(slice(two, 10, two.length), apiVersionsResponse(3, 3)));
        s.clientSends(apiVersionsRequest(4)).serverSends(apiVersionsResponse(4, 3));
        run(s.close());

        assertThat(items)
                .extracting(i -> (Integer) request(i).get("correlationID") - CORRELATION_BASE)
                .containsExactly(1, 3, 4, 2);
        assertThat(items.get(3).getError().getType()).isEqualTo("pair-not-found");
        assertThat(items.subList(0, 3)).allSatisfy(i -> assertThat(i.getError()).isNull());
        assertThat(stats.get(Counter.GAPS)).isEqualTo(1);
    }

    @Test
    void corpusKeepAliveFlowWithADroppedSegment(@TempDir Path tmp) throws Exception {
        // zeek/http__pipelined-requests.pcap: one keep-alive connection, six GETs. Frame 9 is the
        // third of eight segments of the second response (/script/urchin.js); the client
        // acknowledges past it in frame 13, so the capture, not the network, lost it.
        Path original = TestPcaps.pcap("zeek/http__pipelined-requests.pcap");
        List<TestingFrames.Frame> frames = new ArrayList<>();
        int dlt = readFrames(original, frames);
        frames.remove(8);
        Capture whole = TestPcaps.read(original);
        Capture cut = TestPcaps.read(TestingPcapWriter.pcap(tmp.resolve("cut.pcap"), dlt, frames));

        assertThat(cut.items).hasSameSizeAs(whole.items).hasSizeGreaterThan(3);
        for (int i = 0; i < whole.items.size(); i++) {
            ApiItem a = whole.items.get(i);
            ApiItem b = cut.items.get(i);
            assertThat(b.getRequest()).isEqualTo(a.getRequest());
            if (i == 1) {
                assertThat(gap(b)).isEqualTo("response");
                assertThat(b.getError().getType()).isEqualTo("gap");
                assertThat(response(b).get("status")).isEqualTo(response(a).get("status"));
            } else {
                assertThat(b).as("item %d", i).isEqualTo(withIndex(a, b));
            }
        }
        assertThat(cut.stats.get(Counter.GAPS)).isEqualTo(1);
        assertThat(cut.stats.get(Counter.GAP_BYTES)).isEqualTo(1380);
        assertThat(cut.stats.get(Counter.GAP_ITEMS)).isEqualTo(1);
        assertThat(cut.stats.parseErrors()).isEqualTo(whole.stats.parseErrors());
    }

    /** {@code a} with the fields of {@code b} that depend on the file rather than the flow. */
    private static ApiItem withIndex(ApiItem a, ApiItem b) {
        return ApiItem.newBuilder(a).setIndex(b.getIndex()).build();
    }

    private static int readFrames(Path file, List<TestingFrames.Frame> out) throws Exception {
        PcapHandle h = Pcaps.openOffline(file.toString(), TimestampPrecision.MICRO);
        try {
            int dlt = h.getDlt().value();
            while (true) {
                try {
                    byte[] frame = h.getNextRawPacketEx();
                    out.add(new TestingFrames.Frame(h.getTimestamp().getTime() * 1000, frame));
                } catch (EOFException e) {
                    return dlt;
                }
            }
        } finally {
            h.close();
        }
    }

    // ---- HTTP

    private static TestingTcpSession http() {
        return new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", 80, T0);
    }

    private static void exchange(TestingTcpSession s, String path, String body) {
        s.clientSends(get(path)).serverSends(ok(body));
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: example\r\n\r\n";
    }

    private static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length()
                + "\r\n\r\n"
                + body;
    }

    private static Object path(ApiItem item) {
        return request(item).get("path");
    }

    private static Object content(ApiItem item) {
        return ((Map<?, ?>) response(item).get("content")).get("text");
    }

    // ---- Redis

    private static String command(String... words) {
        StringBuilder sb = new StringBuilder("*").append(words.length).append("\r\n");
        for (String w : words) {
            sb.append('$').append(w.length()).append("\r\n").append(w).append("\r\n");
        }
        return sb.toString();
    }

    // ---- Kafka

    /** Correlation ids of a client that has run for a while (ids 1, 2, ... look like zeros). */
    private static final int CORRELATION_BASE = 0x4000;

    private static TestingTcpSession kafka() {
        return new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", 9092, T0);
    }

    /** ApiVersions v0 request: size, api key 18, version 0, correlation id, client id. */
    private static byte[] apiVersionsRequest(int n) {
        int correlationId = CORRELATION_BASE + n;
        byte[] clientId = "gap-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(4 + 10 + clientId.length);
        b.putInt(10 + clientId.length).putShort((short) 18).putShort((short) 0);
        b.putInt(correlationId).putShort((short) clientId.length).put(clientId);
        return b.array();
    }

    /** ApiVersions v0 response: error code 0 and {@code apis} (key, min, max) entries. */
    private static byte[] apiVersionsResponse(int n, int apis) {
        int correlationId = CORRELATION_BASE + n;
        ByteBuffer b = ByteBuffer.allocate(4 + 10 + 6 * apis);
        b.putInt(10 + 6 * apis).putInt(correlationId).putShort((short) 0).putInt(apis);
        for (int i = 0; i < apis; i++) {
            b.putShort((short) i).putShort((short) 0).putShort((short) 3);
        }
        return b.array();
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    // ---- common

    private void run(TestingTcpSession s) {
        CapturePipeline p = new CapturePipeline(CaptureOptions.defaults(), stats, items::add);
        for (TestingFrames.Frame f : s.frames(TestingFrames::ethernet)) {
            p.onPacket(LinkTypes.ETHERNET, f.bytes, f.bytes.length, f.tsMicros);
        }
        p.finish();
    }

    private void assertGaps(long gaps, long bytes, long marked) {
        assertThat(stats.get(Counter.GAPS)).isEqualTo(gaps);
        assertThat(stats.get(Counter.GAP_BYTES)).isEqualTo(bytes);
        assertThat(stats.get(Counter.GAP_ITEMS)).isEqualTo(marked);
    }

    private static String gap(ApiItem item) {
        return item.getExtra().get("gap");
    }

    private static Map<String, Object> request(ApiItem item) {
        return ItemJson.parseObject(item.getRequest());
    }

    private static Map<String, Object> response(ApiItem item) {
        return ItemJson.parseObject(item.getResponse());
    }
}
