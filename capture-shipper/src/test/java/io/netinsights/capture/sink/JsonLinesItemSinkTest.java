package io.netinsights.capture.sink;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.PodEventType;
import io.netinsights.schemas.Protocol;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON lines output: one item per line in the script shape, pod events left out. */
class JsonLinesItemSinkTest {

    @Test
    void writesOneParsableItemPerLineToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("items.jsonl");
        try (JsonLinesItemSink sink = JsonLinesItemSink.toFile(file)) {
            sink.item(item("1-0"));
            sink.podEvent(new PodEvent(PodEventType.ADDED, 1L, "n", "ns", "p", "{}"));
            sink.item(item("1-1"));
            assertThat(sink.written()).isEqualTo(2);
            assertThat(sink.podEventsSkipped()).isEqualTo(1);
            assertThat(sink.dropped()).isZero();
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(ItemJson.fromJson(lines.get(1)).getId()).isEqualTo("1-1");
        assertThat(ItemJson.fromJson(lines.get(0)).getSrc().getIp()).isEqualTo("10.0.0.1");
    }

    @Test
    void aStreamIsFlushedPerItemAndLeftOpen() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLinesItemSink sink = JsonLinesItemSink.toStream(out);
        sink.item(item("2-0"));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("{\"id\":\"2-0\"")
                .endsWith("\n");
        sink.close();
        out.write('x'); // still usable: the caller owns it
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("\nx");
    }

    private static ApiItem item(String id) {
        return ApiItem.newBuilder()
                .setId(id)
                .setNode(new NodeInfo("", "node-1"))
                .setTimestamp(1_700_000_000_000L)
                .setProtocol(Protocol.newBuilder().setName("dns").build())
                .setSrc(Endpoint.newBuilder().setIp("10.0.0.1").setPort("5353").build())
                .setDst(Endpoint.newBuilder().setIp("10.0.0.2").setPort("53").build())
                .setRequest("{\"opCode\":\"Query\"}")
                .build();
    }
}
