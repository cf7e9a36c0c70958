package io.netinsights.js.har;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.netinsights.js.testutils.ItemFixtures.asMap;
import static io.netinsights.js.testutils.ItemFixtures.dnsItem;
import static io.netinsights.js.testutils.ItemFixtures.grpcItem;
import static io.netinsights.js.testutils.ItemFixtures.httpItem;
import static io.netinsights.js.testutils.ItemFixtures.list;
import static io.netinsights.js.testutils.ItemFixtures.map;
import static io.netinsights.js.testutils.ItemFixtures.redisItem;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests that HTTP items become HAR 1.2 entries, read back with Jackson. */
class HarBuilderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void zeroItemsIsAValidEmptyDocument() throws Exception {
        JsonNode log = MAPPER.readTree(HarBuilder.build(List.of())).get("log");
        assertThat(log.get("version").asText()).isEqualTo("1.2");
        assertThat(log.get("creator").get("name").asText()).isEqualTo("netinsights");
        assertThat(log.get("creator").get("version").asText()).isNotEmpty();
        assertThat(log.get("entries").isArray()).isTrue();
        assertThat(log.get("entries")).isEmpty();
        assertThat(log.has("comment")).isFalse();
        assertThat(MAPPER.readTree(HarBuilder.build(null)).get("log").get("entries")).isEmpty();
    }

    @Test
    void httpItemBecomesAnEntry() throws Exception {
        JsonNode e = onlyEntry(httpItem());
        assertThat(e.get("startedDateTime").asText()).isEqualTo("2024-02-01T10:00:00.000Z");
        assertThat(e.get("time").asLong()).isEqualTo(42);
        assertThat(e.get("serverIPAddress").asText()).isEqualTo("10.0.1.7");
        assertThat(e.get("cache").isObject()).isTrue();
        assertThat(e.get("cache")).isEmpty();
        JsonNode t = e.get("timings");
        assertThat(t.get("send").asInt()).isZero();
        assertThat(t.get("wait").asLong()).isEqualTo(42);
        assertThat(t.get("receive").asInt()).isZero();

        JsonNode req = e.get("request");
        assertThat(req.get("method").asText()).isEqualTo("POST");
        assertThat(req.get("url").asText())
                .isEqualTo("http://catalog:8080/api/v1/items?limit=10&sort=asc");
        assertThat(req.get("httpVersion").asText()).isEqualTo("HTTP/1.1");
        assertThat(pairs(req.get("headers")))
                .containsExactly(
                        "Content-Type=application/json",
                        "User-Agent=curl/8.0",
                        "X-Request-Id=r-42");
        assertThat(pairs(req.get("queryString"))).containsExactly("limit=10", "sort=asc");
        assertThat(pairs(req.get("cookies"))).containsExactly("session=s1");
        assertThat(req.get("headersSize").asInt()).isEqualTo(-1);
        assertThat(req.get("bodySize").asInt()).isEqualTo(28);
        assertThat(req.get("postData").get("mimeType").asText()).isEqualTo("application/json");
        assertThat(req.get("postData").get("text").asText())
                .isEqualTo("{\"name\":\"lamp\",\"price\":12.5}");

        JsonNode resp = e.get("response");
        assertThat(resp.get("status").asInt()).isEqualTo(503);
        assertThat(resp.get("statusText").asText()).isEqualTo("Service Unavailable");
        assertThat(resp.get("httpVersion").asText()).isEqualTo("HTTP/1.1");
        assertThat(pairs(resp.get("headers")))
                .containsExactly("Content-Type=application/json", "Retry-After=5");
        assertThat(resp.get("cookies")).isEmpty();
        assertThat(resp.get("content").get("size").asInt()).isEqualTo(24);
        assertThat(resp.get("content").get("mimeType").asText()).isEqualTo("application/json");
        assertThat(resp.get("content").get("text").asText())
                .isEqualTo("{\"error\":\"backend down\"}");
        assertThat(resp.get("redirectURL").asText()).isEmpty();
        assertThat(resp.get("headersSize").asInt()).isEqualTo(-1);
        assertThat(resp.get("bodySize").asInt()).isEqualTo(24);
    }

    @Test
    void nonHttpItemsAreSkippedAndCounted() throws Exception {
        List<Map<String, Object>> items =
                new ArrayList<>(
                        Arrays.asList(dnsItem(), httpItem(), redisItem(), grpcItem(), null));
        HarBuilder.Result result = HarBuilder.convert(items);
        assertThat(result.entries()).isEqualTo(2);
        assertThat(result.skipped()).isEqualTo(3);
        JsonNode log = MAPPER.readTree(result.json()).get("log");
        assertThat(log.get("entries")).hasSize(2);
        assertThat(log.get("comment").asText()).isEqualTo("skipped 3 non-HTTP items");
        JsonNode grpc = log.get("entries").get(1);
        assertThat(grpc.get("request").get("url").asText())
                .isEqualTo("http://catalog:8080/catalog.Catalog/GetItem");
        assertThat(grpc.get("request").get("httpVersion").asText()).isEqualTo("HTTP/2.0");
        assertThat(grpc.get("response").get("status").asInt()).isEqualTo(200);
    }

    @Test
    void relativeUrlsAreMadeAbsolute() throws Exception {
        Map<String, Object> tlsToIp = httpItem();
        tlsToIp.put("tls", true);
        asMap(tlsToIp.get("dst")).put("name", "");
        asMap(tlsToIp.get("dst")).put("port", "443");
        assertThat(url(tlsToIp)).isEqualTo("https://10.0.1.7/api/v1/items?limit=10&sort=asc");

        Map<String, Object> ipv6 = httpItem();
        asMap(ipv6.get("dst")).put("name", "");
        asMap(ipv6.get("dst")).put("ip", "fd00::7");
        assertThat(url(ipv6)).startsWith("http://[fd00::7]:8080/api/");

        Map<String, Object> pathOnly = httpItem();
        asMap(pathOnly.get("request")).remove("url");
        asMap(pathOnly.get("dst")).put("port", "80");
        assertThat(url(pathOnly)).isEqualTo("http://catalog/api/v1/items?limit=10&sort=asc");

        Map<String, Object> absolute = httpItem();
        asMap(absolute.get("request")).put("url", "https://api.example.com/x?y=1");
        assertThat(url(absolute)).isEqualTo("https://api.example.com/x?y=1");
    }

    @Test
    void fillsGapsFromHeadersAndUrl() throws Exception {
        Map<String, Object> item = httpItem();
        Map<String, Object> req = asMap(item.get("request"));
        req.remove("queryString");
        req.remove("bodySize");
        req.put("headers", map("Accept", list("text/html", "application/json")));
        Map<String, Object> resp = asMap(item.get("response"));
        resp.put("status", "302");
        resp.put("headers", map("location", "/login", "Content-Type", "text/plain"));
        resp.put("content", map("text", "moved"));
        resp.remove("bodySize");
        item.remove("timestamp");
        item.put("elapsedTime", 1.5);

        JsonNode e = onlyEntry(item);
        assertThat(e.get("startedDateTime").asText()).isEqualTo("2024-02-01T10:00:00.000Z");
        assertThat(e.get("time").asDouble()).isEqualTo(1.5);
        assertThat(pairs(e.get("request").get("headers")))
                .containsExactly("Accept=text/html", "Accept=application/json");
        assertThat(pairs(e.get("request").get("queryString")))
                .containsExactly("limit=10", "sort=asc");
        assertThat(e.get("request").get("bodySize").asInt()).isEqualTo(28);
        JsonNode r = e.get("response");
        assertThat(r.get("status").asInt()).isEqualTo(302);
        assertThat(r.get("redirectURL").asText()).isEqualTo("/login");
        assertThat(r.get("content").get("mimeType").asText()).isEqualTo("text/plain");
        assertThat(r.get("content").get("size").asInt()).isEqualTo(5);
        assertThat(r.get("bodySize").asInt()).isEqualTo(5);
    }

    @Test
    void requestWithoutResponseStillYieldsAValidEntry() throws Exception {
        Map<String, Object> item = httpItem();
        item.put("response", null);
        asMap(item.get("request")).remove("postData");
        JsonNode e = onlyEntry(item);
        assertThat(e.get("request").has("postData")).isFalse();
        JsonNode r = e.get("response");
        assertThat(r.get("status").asInt()).isZero();
        assertThat(r.get("httpVersion").asText()).isEqualTo("HTTP/1.1");
        assertThat(r.get("content").get("mimeType").asText()).isEqualTo("x-unknown");
        assertThat(r.get("content").get("size").asInt()).isZero();
        assertThat(r.get("headers").isArray()).isTrue();
    }

    private static JsonNode onlyEntry(Map<String, Object> item) throws Exception {
        JsonNode entries =
                MAPPER.readTree(HarBuilder.build(List.of(item))).get("log").get("entries");
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static String url(Map<String, Object> item) throws Exception {
        return onlyEntry(item).get("request").get("url").asText();
    }

    private static List<String> pairs(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(p -> out.add(p.get("name").asText() + "=" + p.get("value").asText()));
        return out;
    }
}
