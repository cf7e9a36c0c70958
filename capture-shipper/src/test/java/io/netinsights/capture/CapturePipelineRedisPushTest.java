package io.netinsights.capture;

import io.netinsights.capture.decode.LinkTypes;
import io.netinsights.capture.testutils.TestingFrames;
import io.netinsights.capture.testutils.TestingTcpSession;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis pub/sub end to end, on a port that is not Redis's: the flow is recognised by content,
 * pushes become items of their own (sent by the server, no response, no error), and they do not
 * disturb the in-order pairing of the commands around them.
 */
class CapturePipelineRedisPushTest {

    private static final long T0 = 1_700_000_000_000_000L;

    @Test
    void pushesAreItemsOfTheirOwn() {
        List<ApiItem> items = new ArrayList<>();
        CaptureStats stats = new CaptureStats();
        CapturePipeline p = new CapturePipeline(CaptureOptions.defaults(), stats, items::add);
        TestingTcpSession s =
                new TestingTcpSession("10.0.0.1", 40000, "10.0.0.2", 7000, T0)
                        .handshake()
                        .clientSends("*2\r\n$9\r\nSUBSCRIBE\r\n$4\r\nnews\r\n")
                        .serverSends("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n")
                        .serverSends("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n")
                        .clientSends("*1\r\n$4\r\nPING\r\n")
                        .serverSends("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$3\r\nbye\r\n")
                        .serverSends("*2\r\n$4\r\npong\r\n$0\r\n\r\n")
                        .close();
        for (TestingFrames.Frame f : s.frames(TestingFrames::ethernet)) {
            p.onPacket(LinkTypes.ETHERNET, f.bytes, f.bytes.length, f.tsMicros);
        }
        p.finish();

        assertThat(items).hasSize(4);
        assertThat(items).allSatisfy(i -> assertThat(i.getError()).isNull());
        assertThat(command(items.get(0))).isEqualTo("SUBSCRIBE");
        assertThat(ItemJson.parseObject(items.get(1).getRequest()))
                .containsEntry("type", "Push")
                .containsEntry("key", "news")
                .containsEntry("value", "hi");
        assertThat(items.get(1).getResponse()).isNull();
        assertThat(items.get(1).getSrc().getPort()).isEqualTo("7000");
        assertThat(ItemJson.parseObject(items.get(2).getRequest())).containsEntry("value", "bye");
        assertThat(command(items.get(3))).isEqualTo("PING");
        assertThat(ItemJson.parseObject(items.get(3).getResponse()))
                .containsEntry("value", "[pong, ]");
        assertThat(stats.items("redis")).isEqualTo(4);
        assertThat(stats.unpaired()).isZero();
        assertThat(stats.get(CaptureStats.Counter.ORPHAN_RESPONSES)).isZero();
        assertThat(stats.parseErrors()).isZero();
    }

    private static Object command(ApiItem item) {
        return ItemJson.parseObject(item.getRequest()).get("command");
    }
}
