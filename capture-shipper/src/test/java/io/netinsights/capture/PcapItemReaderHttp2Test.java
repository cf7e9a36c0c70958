package io.netinsights.capture;

import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.testutils.TestPcaps;
import io.netinsights.capture.testutils.TestPcaps.Capture;
import io.netinsights.schemas.ApiItem;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * HTTP/2 and gRPC items of the shared captures against tshark 4.0.17. Each test quotes the tshark
 * command and its output (recorded once, so tshark is not needed to run them). The per-stream
 * command is {@code tshark -r F [-d tcp.port==P,http2] -Y http2.header -T fields -e frame.number -e
 * tcp.stream -e http2.streamid -e http2.headers.method -e http2.headers.path -e
 * http2.headers.status}; {@code -d} is needed where tshark does not recognise HTTP/2 by itself
 * (captures without the preface, and a port it does not know).
 *
 * <p>Over the 7 captures tshark shows 11 HTTP/2 streams and so do we, with the same method, path
 * and status wherever tshark has them. Where we differ: the h2c upgrade (we give stream 1 the
 * HTTP/1.1 request, tshark shows none), and a gRPC stream whose last frames sit behind TCP holes
 * (we stop at the first hole, tshark goes on). Both are explained in the tests.
 */
class PcapItemReaderHttp2Test {

    @Test
    void grpcUnaryCutByTheCapture() {
        // tshark -r deepflow/http__grpc-unary.pcap -d tcp.port==30035,http2 ...:
        //   1 | 0 | 1,1,1 | POST | /agent.Synchronizer/Sync |
        //   2 | 0 | 1 |  |  | 200
        // tshark ... -Y grpc -T fields -e frame.number -e grpc.message_length: 1 237
        // The response DATA frame (16384 bytes announced) is cut by the capture after 1336 bytes.
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/http__grpc-unary.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple("gRPC", "POST", "/agent.Synchronizer/Sync", 200, null, null));
        assertThat(c.request(0))
                .containsEntry("grpcService", "agent.Synchronizer")
                .containsEntry("grpcMethod", "Sync")
                .containsEntry("httpVersion", "HTTP/2.0");
        assertThat(Base64.getDecoder().decode(postText(c, 0))).hasSize(237);
        assertThat(c.response(0)).containsEntry("grpcStatus", null).containsEntry("bodySize", 1336);
        assertThat(c.json(0).get("protocol"))
                .isEqualTo(
                        Map.of(
                                "name", "http",
                                "version", "2.0",
                                "abbr", "gRPC",
                                "longName",
                                        "Hypertext Transfer Protocol Version 2 (HTTP/2) [ gRPC over"
                                                + " HTTP/2 ]",
                                "macro", "grpc",
                                "layer4", "tcp",
                                "ports", List.of("80", "443", "8080", "50051")));
        assertThat(c.stats.parseErrors()).isZero();
    }

    @Test
    void grpcServerStreamResumesAfterTcpHolesAndIsMarked() {
        // tshark -r deepflow/http__grpc-server-stream.pcap -d tcp.port==9001,http2 ...:
        //   1 | 0 | 1 | POST | /timeseriesquery.TimeSeriesQueryService/ServerStreamQuery |
        //   3 | 0 | 1,1 |  |  | 200
        //   8 | 0 | 1,1 |  |  |
        // tshark ... -Y 'http2.header.name == "grpc-status"' -T fields -e frame.number
        //   -e http2.header.name -e http2.header.value: 8 | grpc-status,grpc-message | 0,
        // tshark ... -Y grpc -e grpc.message_length: 2 30, 3 1230, 5 246, 6 492, 7 738, 8 492
        // Frames 6, 7 and 8 each follow a 17-byte hole ("previous segment not captured") that the
        // client acknowledges: each is given up as a gap, the frames after it are read on, and
        // the item is marked. Like tshark we then find all five messages and the trailers.
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/http__grpc-server-stream.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple(
                                "gRPC",
                                "POST",
                                "/timeseriesquery.TimeSeriesQueryService/ServerStreamQuery",
                                200,
                                0,
                                ""));
        assertThat(Base64.getDecoder().decode(postText(c, 0))).hasSize(30);
        String[] messages = contentText(c, 0).split("\n");
        assertThat(Arrays.stream(messages).map(m -> Base64.getDecoder().decode(m).length))
                .containsExactly(1230, 246, 492, 738, 492);
        assertThat(c.items.get(0).getExtra()).containsEntry("gap", "response");
        assertThat(c.items.get(0).getError().getType()).isEqualTo("gap");
        assertThat(c.stats.get(Counter.GAPS)).isEqualTo(3);
        assertThat(c.stats.get(Counter.GAP_BYTES)).isEqualTo(51);
        assertThat(c.stats.get(Counter.GAP_ITEMS)).isEqualTo(1);
    }

    @Test
    void h2cMidConnectionWithTrailers() {
        // tshark -r deepflow/http__h2c_ascii.pcap -d tcp.port==7070,http2 ...:
        //   1 | 0 | 0,0,1,1 | POST | /hipstershop.CartService/GetCart |
        //   2 | 0 | 0,1,1,1,0 |  |  | 200
        // tshark ... -Y 'http2.header.name == "grpc-status"' ...: 2 | ... | 200,...,0,
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/http__h2c_ascii.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple("gRPC", "POST", "/hipstershop.CartService/GetCart", 200, 0, ""));
        assertThat(c.request(0)).containsEntry("grpcService", "hipstershop.CartService");
        assertThat(c.items.get(0).getError()).isNull();
    }

    @Test
    void hpackStateFromBeforeTheCaptureIsMarked() {
        // tshark -r deepflow/http__http2-multi.pcap -d tcp.port==3550,http2 ...:
        //   1 | 0 | 18131981,18131981,0,0,0,18131983,18131983 | POST,POST |  |
        //   2 | 0 | 18131983,18131983,18131983,18131981,18131981,18131981 |  |  | 200,200
        // Both requests refer to dynamic table entries 90..100 sent before the capture; tshark
        // shows them as "<unknown>" and has no path either. We leave them out and say so.
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/http__http2-multi.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple("HTTP/2", "POST", "", 200, null, null),
                        tuple("HTTP/2", "POST", "", 200, null, null));
        for (ApiItem item : c.items) {
            assertThat(item.getError().getType()).isEqualTo("hpack-desync");
        }
        assertThat(c.stats.parseErrors()).isZero();
    }

    @Test
    void upgradeFromHttp1GivesStreamOneTheUpgradeRequest() {
        // tshark -r suricata/http2-range__http2-range.pcap ...:
        //   23 | 0 | 1 |  |  | 206
        //   65 | 2 | 1 |  |  | 206
        //   109 | 4 | 1 |  |  | 206
        // tshark -r F -Y http.request -T fields -e tcp.stream -e http.request.method
        //   -e http.request.uri: 0..4 GET /eicar; -Y http.response ... -e http.response.code:
        //   101 (streams 0, 2, 4) and 206 (streams 1, 3).
        // Disagreement: stream 1 answers the HTTP/1.1 request that asked for the upgrade (RFC 9113
        // section 3.2), so our HTTP/2 items carry it (as Kubeshark does); tshark shows no method
        // or path for stream 1.
        Capture c = TestPcaps.read(TestPcaps.pcap("suricata/http2-range__http2-range.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple("HTTP", "GET", "/eicar", 101, null, null),
                        tuple("HTTP/2", "GET", "/eicar", 206, null, null),
                        tuple("HTTP", "GET", "/eicar", 206, null, null),
                        tuple("HTTP", "GET", "/eicar", 101, null, null),
                        tuple("HTTP/2", "GET", "/eicar", 206, null, null),
                        tuple("HTTP", "GET", "/eicar", 206, null, null),
                        tuple("HTTP", "GET", "/eicar", 101, null, null),
                        tuple("HTTP/2", "GET", "/eicar", 206, null, null));
        assertThat(c.items).extracting(ApiItem::getId).contains("0-0", "0-1");
        assertThat(c.response(1)).containsEntry("bodySize", 11);
        assertThat(c.stats.parseErrors()).isZero();
    }

    @Test
    void continuationFrames() {
        // tshark -r suricata/http2-continuation__input.pcap ...:
        //   14 | 0 | 1 | GET | /tata |
        //   19 | 0 | 1 |  |  |          (the CONTINUATIONs, frames 16 and 19)
        //   25 | 0 | 1,1,1 |  |  | 200
        Capture c = TestPcaps.read(TestPcaps.pcap("suricata/http2-continuation__input.pcap"));

        assertThat(summaries(c)).containsExactly(tuple("HTTP/2", "GET", "/tata", 200, null, null));
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) c.request(0).get("headers");
        assertThat(headers)
                .containsEntry(":authority", "127.0.0.1:8080")
                .containsKey("Namenamenamenamenamenamenamenamenamename");
        assertThat(c.stats.parseErrors()).isZero();
    }

    @Test
    void grpcDirectAndThroughAnHttp1ConnectTunnel() {
        // tshark -r suricata/http2-errorcode__input.pcap -d tcp.port==6233,http2 ...:
        //   21 | 0 | 0,1,1 | POST | /helloworld.GreeterService/SayHello |   (via CONNECT, 8888)
        //   23 | 1 | 0,1,1 | POST | /helloworld.GreeterService/SayHello |   (direct, 6233)
        //   32 | 1 | 1,1 |  |  | 200
        //   35 | 0 | 1,1 |  |  | 200
        // tshark ... -Y 'http2.header.name == "grpc-status"' ...: 37 and 39: 0,OK
        // tshark follows the CONNECT tunnel because its target port is 6233; we recognise the
        // HTTP/2 preface inside it. GOAWAY frames come after the streams ended.
        Capture c = TestPcaps.read(TestPcaps.pcap("suricata/http2-errorcode__input.pcap"));

        String path = "/helloworld.GreeterService/SayHello";
        assertThat(summaries(c))
                .containsExactly(
                        tuple("HTTP", "CONNECT", "127.0.0.1:6233", 200, null, null),
                        tuple("gRPC", "POST", path, 200, 0, "OK"),
                        tuple("gRPC", "POST", path, 200, 0, "OK"));
        assertThat(c.request(1)).containsEntry("grpcMethod", "SayHello");
        assertThat(c.stats.parseErrors()).isZero();
    }

    /** (abbr, method, url, status, grpcStatus, grpcMessage) per item. */
    static List<Tuple> summaries(Capture c) {
        List<Tuple> out = new ArrayList<>();
        for (int i = 0; i < c.items.size(); i++) {
            Map<String, Object> req = c.request(i);
            Map<String, Object> resp = c.response(i);
            out.add(
                    tuple(
                            c.items.get(i).getProtocol().getAbbr(),
                            req.get("method"),
                            req.get("url"),
                            resp == null ? null : resp.get("status"),
                            resp == null ? null : resp.get("grpcStatus"),
                            resp == null ? null : resp.get("grpcMessage")));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String postText(Capture c, int i) {
        return (String) ((Map<String, Object>) c.request(i).get("postData")).get("text");
    }

    @SuppressWarnings("unchecked")
    private static String contentText(Capture c, int i) {
        return (String) ((Map<String, Object>) c.response(i).get("content")).get("text");
    }
}
