package io.netinsights.capture;

import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.decode.LinkTypes;
import io.netinsights.capture.testutils.TestingDns;
import io.netinsights.capture.testutils.TestingFrames;
import io.netinsights.capture.testutils.TestingTcpSession;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pairing timeouts, flow bounds and connection life cycle, driven frame by frame. */
class CapturePipelineTest {

    private static final long T0 = 1_700_000_000_000_000L;
    private static final long SECOND = 1_000_000L;

    private final List<ApiItem> items = new ArrayList<>();
    private final CaptureStats stats = new CaptureStats();

    private CapturePipeline pipeline(CaptureOptions options) {
        return new CapturePipeline(options, stats, items::add);
    }

    @Test
    void unansweredQueryTimesOutInCaptureTime() {
        CapturePipeline p = pipeline(CaptureOptions.builder().pairTimeoutMillis(1000).build());
        dns(p, T0, 1111, true, "lost.example");
        dns(p, T0 + SECOND / 2, 2222, true, "found.example");
        dns(p, T0 + SECOND / 2 + 10, 2222, false, "found.example");
        assertThat(items).hasSize(1);

        dns(p, T0 + 2 * SECOND, 3333, true, "later.example"); // time passes: the sweep runs

        assertThat(items).hasSize(2);
        ApiItem lost = items.get(1);
        assertThat(lost.getError().getType()).isEqualTo("pair-not-found");
        assertThat(lost.getError().getMsg()).isEqualTo("no response within 1000 ms");
        assertThat(lost.getResponse()).isNull();
        assertThat(ItemJson.parseObject(lost.getRequest()).toString()).contains("lost.example");
        assertThat(lost.getTimestamp()).isEqualTo(T0 / 1000);

        p.finish();

        assertThat(items).hasSize(3);
        assertThat(items.get(2).getError().getMsg()).isEqualTo("no response before end of capture");
        assertThat(stats.unpaired()).isEqualTo(2);
        assertThat(p.flowCount()).isZero();
    }

    @Test
    void retransmittedQueryIsOneExchange() {
        CapturePipeline p = pipeline(CaptureOptions.defaults());
        dns(p, T0, 77, true, "again.example");
        dns(p, T0 + SECOND, 77, true, "again.example");
        dns(p, T0 + SECOND + 5, 77, false, "again.example");
        p.finish();

        assertThat(items).hasSize(1);
        assertThat(items.get(0).getError()).isNull();
        assertThat(items.get(0).getElapsedTime()).isEqualTo(1000);
    }

    @Test
    void responseFinishedBeforeItsRequestStillPairs() {
        CapturePipeline p = pipeline(CaptureOptions.defaults());
        TestingTcpSession s =
                new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", 80, T0)
                        .handshake()
                        .clientSends("POST /upload HTTP/1.1\r\nContent-Length: 4\r\n\r\nab")
                        .serverSends("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n")
                        .clientSends("cd")
                        .close();
        feed(p, s.frames(TestingFrames::ethernet));

        assertThat(items).hasSize(1);
        assertThat(items.get(0).getError()).isNull();
        assertThat(ItemJson.parseObject(items.get(0).getResponse())).containsEntry("status", 413);
    }

    @Test
    void responseToARequestBeforeTheCaptureDoesNotShiftThePairs() {
        CapturePipeline p = pipeline(CaptureOptions.defaults());
        feed(
                p,
                new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", 8080, T0)
                        .serverSends("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                        .clientSends("GET /x HTTP/1.1\r\n\r\n")
                        .serverSends("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                        .frames(TestingFrames::ethernet));
        p.finish();

        assertThat(items).hasSize(1);
        assertThat(ItemJson.parseObject(items.get(0).getResponse())).containsEntry("status", 404);
        assertThat(stats.get(Counter.ORPHAN_RESPONSES)).isEqualTo(1);
    }

    @Test
    void requestLeftOpenWhenTheConnectionCloses() {
        CapturePipeline p = pipeline(CaptureOptions.defaults());
        feed(
                p,
                new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", 80, T0)
                        .handshake()
                        .clientSends("GET / HTTP/1.1\r\n\r\n")
                        .close()
                        .frames(TestingFrames::ethernet));

        assertThat(items).hasSize(1);
        assertThat(items.get(0).getError().getMsg())
                .isEqualTo("no response before connection closed");
        assertThat(p.flowCount()).isZero();
    }

    @Test
    void resetConnectionFlushesWhatArrived() {
        CapturePipeline p = pipeline(CaptureOptions.defaults());
        feed(
                p,
                new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", 80, T0)
                        .handshake()
                        .clientSends("GET / HTTP/1.0\r\n\r\n")
                        .serverSends("HTTP/1.0 200 OK\r\n\r\npartial body")
                        .clientReset()
                        .frames(TestingFrames::ethernet));

        assertThat(items).hasSize(1);
        assertThat(items.get(0).getError()).isNull();
        assertThat(items.get(0).getProtocol().getVersion()).isEqualTo("1.0");
        assertThat(p.flowCount()).isZero();
    }

    @Test
    void reusedPortsStartANewFlow() {
        CapturePipeline p = pipeline(CaptureOptions.defaults());
        for (int i = 0; i < 2; i++) {
            feed(
                    p,
                    new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", 80, T0 + i * SECOND)
                            .handshake()
                            .clientSends("GET /" + i + " HTTP/1.1\r\n\r\n")
                            .serverSends("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                            .frames(TestingFrames::ethernet));
        }
        p.finish();

        assertThat(items).extracting(ApiItem::getStream).containsExactly("0", "1");
        assertThat(items).extracting(ApiItem::getId).containsExactly("0-0", "1-0");
        assertThat(stats.flows()).isEqualTo(2);
    }

    @Test
    void flowsBeyondTheLimitAreDroppedAndCounted() {
        CapturePipeline p = pipeline(CaptureOptions.builder().maxFlows(1).build());
        for (int port = 40000; port < 40003; port++) {
            feed(
                    p,
                    new TestingTcpSession("10.0.0.1", port, "10.0.0.2", 80, T0)
                            .handshake()
                            .clientSends("GET / HTTP/1.1\r\n\r\n")
                            .frames(TestingFrames::ethernet));
        }

        assertThat(p.flowCount()).isEqualTo(1);
        assertThat(stats.flows()).isEqualTo(1);
        assertThat(stats.drops()).isPositive();
    }

    @Test
    void outOfOrderBytesBeyondTheFlowBoundGiveUpTheGap() {
        CapturePipeline p = pipeline(CaptureOptions.builder().maxBytesPerFlow(16).build());
        TestingTcpSession s =
                new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", 80, T0).handshake();
        int seq = s.clientSeq();
        s.clientSegment(seq + 100, "0123456789").clientSegment(seq + 200, "0123456789");
        feed(p, s.frames(TestingFrames::ethernet));

        // holding the second segment too would exceed 16 bytes: the gap before the first goes
        assertThat(stats.get(Counter.GAPS)).isEqualTo(1);
        assertThat(stats.get(Counter.GAP_BYTES)).isEqualTo(100);
        assertThat(stats.drops()).isZero();
    }

    @Test
    void idleFlowsAreEvicted() {
        CapturePipeline p = pipeline(CaptureOptions.builder().flowIdleTimeoutMillis(1000).build());
        feed(
                p,
                new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", 80, T0)
                        .handshake()
                        .clientSends("GET / HTTP/1.1\r\n\r\n")
                        .frames(TestingFrames::ethernet));
        dns(p, T0 + 5 * SECOND, 1, true, "tick.example");

        assertThat(items).hasSize(1);
        assertThat(items.get(0).getError().getMsg())
                .isEqualTo("no response before flow idle timeout");
    }

    @Test
    void nonIpFramesAreSkipped() {
        CapturePipeline p = pipeline(CaptureOptions.defaults());
        byte[] arp = new byte[42];
        arp[12] = 0x08;
        arp[13] = 0x06;

        p.onPacket(LinkTypes.ETHERNET, arp, arp.length, T0);
        p.onPacket(LinkTypes.ETHERNET, new byte[5], 5, T0);
        p.onPacket(999, new byte[40], 40, T0);

        assertThat(stats.get(Counter.SKIPPED_PACKETS)).isEqualTo(3);
        assertThat(stats.parseErrors()).isZero();
    }

    @Test
    void malformedIpIsCounted() {
        CapturePipeline p = pipeline(CaptureOptions.defaults());
        byte[] ip =
                TestingFrames.tcp(
                        "10.0.0.1", 1, "10.0.0.2", 2, 0, 0, TestingFrames.SYN, new byte[0]);
        ip[0] = 0x43; // IHL 12 bytes: too short

        p.onPacket(LinkTypes.LINKTYPE_RAW, ip, ip.length, T0);
        p.onPacket(LinkTypes.LINKTYPE_RAW, ip, 10, T0);

        assertThat(stats.parseErrors()).isEqualTo(2);
    }

    private static void feed(CapturePipeline p, List<TestingFrames.Frame> frames) {
        for (TestingFrames.Frame f : frames) {
            p.onPacket(LinkTypes.ETHERNET, f.bytes, f.bytes.length, f.tsMicros);
        }
    }

    private static void dns(CapturePipeline p, long ts, int id, boolean query, String name) {
        byte[] msg =
                query ? TestingDns.query(id, name, 1) : TestingDns.answerA(id, name, 5, "1.1.1.1");
        byte[] ip =
                query
                        ? TestingFrames.udp("10.0.0.1", 33333, "10.0.0.53", 53, msg)
                        : TestingFrames.udp("10.0.0.53", 53, "10.0.0.1", 33333, msg);
        byte[] frame = TestingFrames.ethernet(ip);
        p.onPacket(LinkTypes.ETHERNET, frame, frame.length, ts);
    }
}
