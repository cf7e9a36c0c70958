package io.netinsights.capture;

import io.netinsights.capture.testutils.TestPcaps;
import io.netinsights.capture.testutils.TestPcaps.Capture;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * HTTP items of the shared captures against tshark 4.0. Expectations come from {@code tshark -r F
 * -Y http.request -T fields -e http.request.method -e http.request.uri} and {@code tshark -r F -Y
 * http.response -T fields -e http.response_for.uri -e http.response.code -e
 * http.content_length_header}, run once and written down here, so tshark is not needed to run the
 * tests.
 */
class PcapItemReaderHttpTest {

    @Test
    void deepflowHttpHasTheItemShapeScriptsRead() {
        // tshark: GET / -> 200, Content-Length 4833, body "<!DOCTYPE HTML PUBLIC ..."
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/http.pcap"));

        assertThat(c.items).hasSize(1);
        Map<String, Object> item = c.json(0);
        assertThat(item)
                .containsEntry("id", "0-0")
                .containsEntry("index", 0L)
                .containsEntry("stream", "0")
                .containsEntry("worker", "node-1")
                .containsEntry("node", Map.of("ip", "", "name", "node-1"))
                .containsEntry("timestamp", 1652942696394L)
                .containsEntry("outgoing", false)
                .containsEntry("tls", false)
                .containsEntry("error", null)
                .containsEntry("requestSize", 73L)
                .containsEntry("responseSize", 5073L);
        assertThat(item.get("protocol"))
                .isEqualTo(
                        Map.of(
                                "name", "http",
                                "version", "1.1",
                                "abbr", "HTTP",
                                "longName", "Hypertext Transfer Protocol -- HTTP/1.1",
                                "macro", "http",
                                "layer4", "tcp",
                                "ports", List.of("80", "443", "8080")));
        assertThat(item.get("src")).isEqualTo(endpoint("10.1.6.93", "43230"));
        assertThat(item.get("dst")).isEqualTo(endpoint("10.1.6.92", "80"));

        Map<String, Object> req = c.request(0);
        assertThat(req)
                .containsEntry("method", "GET")
                .containsEntry("url", "/")
                .containsEntry("path", "/")
                .containsEntry("pathSegments", List.of(""))
                .containsEntry("httpVersion", "HTTP/1.1")
                .containsEntry("queryString", Map.of())
                .containsEntry("cookies", Map.of())
                .containsEntry("postData", Map.of("mimeType", "", "text", ""))
                .containsEntry("bodySize", 0);
        assertThat(req.get("headers"))
                .isEqualTo(
                        Map.of("User-Agent", "curl/7.29.0", "Host", "10.1.6.92", "Accept", "*/*"));

        Map<String, Object> resp = c.response(0);
        assertThat(resp)
                .containsEntry("status", 200)
                .containsEntry("statusText", "OK")
                .containsEntry("httpVersion", "HTTP/1.1")
                .containsEntry("bodySize", 4833)
                .containsKeys("headers", "cookies");
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) resp.get("content");
        assertThat(content)
                .containsEntry("mimeType", "text/html")
                .containsEntry("size", 4833)
                .containsEntry("encoding", "");
        assertThat((String) content.get("text"))
                .startsWith("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">")
                .hasSize(4833);
        assertThat(ItemJson.fromJson(ItemJson.toJson(c.items.get(0)))).isEqualTo(c.items.get(0));
    }

    @Test
    void zeekGet() {
        // tshark: GET /download/CHANGES.bro-aux.txt -> 200, Content-Length 4705
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/http__get.pcap"));

        assertThat(summaries(c))
                .containsExactly(tuple("GET", "/download/CHANGES.bro-aux.txt", 200));
        assertThat(c.response(0)).containsEntry("bodySize", 4705);
        assertThat(c.items.get(0).getElapsedTime()).isEqualTo(70);
        assertThat(c.stats.parseErrors()).isZero();
    }

    @Test
    void zeekGetWithoutHandshakeStartsMidConnection() {
        // tshark: the same exchange as http__get.pcap, first packet is the request (no SYN)
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/http__get_nosyn.pcap"));

        assertThat(summaries(c))
                .containsExactly(tuple("GET", "/download/CHANGES.bro-aux.txt", 200));
        assertThat(c.response(0)).containsEntry("bodySize", 4705);
    }

    @Test
    void zeekPipelinedRequestsPairInOrder() {
        // tshark: 5 GETs on one connection (frames 4, 6, 14, 16, 20), each answered 200, with
        // Content-Length 946, 6716, 94, 2349, 27579
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/http__pipelined-requests.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple("GET", "/style/enhanced.css", 200),
                        tuple("GET", "/script/urchin.js", 200),
                        tuple("GET", "/images/template/screen/bullet_utility.png", 200),
                        tuple("GET", "/images/template/screen/key-point-top.png", 200),
                        tuple("GET", "/projects/calendar/images/header-sunbird.png", 200));
        List<Object> sizes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sizes.add(c.response(i).get("bodySize"));
        }
        assertThat(sizes).containsExactly(946, 6716, 94, 2349, 27579);
        assertThat(c.items)
                .extracting(ApiItem::getId)
                .containsExactly("0-0", "0-1", "0-2", "0-3", "0-4");
        assertThat(c.items).extracting(ApiItem::getIndex).containsExactly(0L, 1L, 2L, 3L, 4L);
        @SuppressWarnings("unchecked")
        Map<String, Object> png = (Map<String, Object>) c.response(3).get("content");
        assertThat(png).containsEntry("mimeType", "image/png").containsEntry("encoding", "base64");
    }

    @Test
    void zeekGzipBodyIsDecoded() {
        // tshark: GET /gzip -> 200; "Content-encoded entity body (gzip): 165 bytes -> 197 bytes"
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/http__get-gzip.pcap"));

        assertThat(summaries(c)).containsExactly(tuple("GET", "/gzip", 200));
        Map<String, Object> resp = c.response(0);
        assertThat(resp).containsEntry("bodySize", 165);
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) resp.get("content");
        assertThat(content).containsEntry("size", 197).containsEntry("encoding", "");
        assertThat((String) content.get("text")).contains("\"gzipped\": true");
    }

    @Test
    void zeekPostCarriesTheBody() {
        // tshark: POST /post -> 200, request Content-Length 11 ("hello world")
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/http__post.pcap"));

        assertThat(summaries(c)).containsExactly(tuple("POST", "/post", 200));
        assertThat(c.request(0))
                .containsEntry(
                        "postData",
                        Map.of(
                                "mimeType", "application/x-www-form-urlencoded",
                                "text", "hello world"))
                .containsEntry("bodySize", 11);
    }

    @Test
    void zeekHundredContinueIsNotAnItem() {
        // tshark: 100 (frame 6), POST / (frame 10, File Data 2001 bytes), 200 for POST (frame 63,
        // chunked, File Data 60731 bytes)
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/http__100-continue.pcap"));

        assertThat(summaries(c)).containsExactly(tuple("POST", "/", 200));
        assertThat(c.request(0)).containsEntry("bodySize", 2001);
        assertThat(c.response(0)).containsEntry("bodySize", 60731);
        assertThat(c.stats.parseErrors()).isZero();
    }

    @Test
    void suricataHeadWithBrokenTransferEncodingGetsNoResponse() {
        // tshark: HEAD /resources/fonts/SourceSansPro-Regular.ttf, no response in the capture.
        // Its "Transfer-Encoding: ,.chunked," cannot frame a request body: one parse error.
        Capture c = TestPcaps.read(TestPcaps.pcap("suricata/http-chunked__input.pcap"));

        assertThat(summaries(c))
                .containsExactly(tuple("HEAD", "/resources/fonts/SourceSansPro-Regular.ttf", null));
        assertThat(c.items.get(0).getError().getType()).isEqualTo("pair-not-found");
        assertThat(c.items.get(0).getError().getMsg())
                .isEqualTo("no response before end of capture");
        assertThat(c.stats.unpaired()).isEqualTo(1);
        assertThat(c.stats.parseErrors()).isEqualTo(1);
    }

    @Test
    void deepflowHttpV1QueryString() {
        // tshark: POST /query?1590632942 -> 200 (Content-Length 54)
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/http__httpv1.pcap"));

        assertThat(summaries(c)).containsExactly(tuple("POST", "/query?1590632942", 200));
        assertThat(c.request(0))
                .containsEntry("path", "/query")
                .containsEntry("pathSegments", List.of("query"))
                .containsEntry("queryString", Map.of("1590632942", ""));
    }

    @Test
    void zeekContentLengthOverflowKeepsTheHead() {
        // tshark: GET /bigfile -> 200 with Content-Length 2200000000 (body cut by the capture)
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/http__content-length-overflow.pcap"));

        assertThat(summaries(c)).containsExactly(tuple("GET", "/bigfile", 200));
    }

    @Test
    void deepflowIstioResponseCutAfterTheStatusLine() {
        // tshark: GET /productpage; the response (frame 2) is only "HTTP/1.0 200 OK\r\n"
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/http__istio-tcp-frag.pcap"));

        assertThat(summaries(c)).containsExactly(tuple("GET", "/productpage", null));
        assertThat(c.items.get(0).getError().getType()).isEqualTo("pair-not-found");
    }

    @Test
    void http2PrefaceIsLeftAlone() {
        // tshark: HTTP2 "Magic" on port 8080; not HTTP/1.x, so no HTTP/1.x item and no errors
        // (the HTTP/2 dissector takes the flow: PcapItemReaderHttp2Test)
        Capture c = TestPcaps.read(TestPcaps.pcap("suricata/http2-continuation__input.pcap"));

        assertThat(c.items).extracting(i -> i.getProtocol().getVersion()).containsOnly("2.0");
        assertThat(c.stats.parseErrors()).isZero();
    }

    /** (method, url, status or null) per item. */
    static List<org.assertj.core.groups.Tuple> summaries(Capture c) {
        List<org.assertj.core.groups.Tuple> out = new ArrayList<>();
        for (int i = 0; i < c.items.size(); i++) {
            Map<String, Object> req = c.request(i);
            Map<String, Object> resp = c.response(i);
            out.add(
                    tuple(
                            req.get("method"),
                            req.get("url"),
                            resp == null ? null : resp.get("status")));
        }
        return out;
    }

    private static Map<String, Object> endpoint(String ip, String port) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("ip", ip);
        m.put("port", port);
        m.put("name", ip);
        m.put("namespace", "");
        m.put("pod", null);
        m.put("service", null);
        return m;
    }
}
