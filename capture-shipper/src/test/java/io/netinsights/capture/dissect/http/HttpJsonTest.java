package io.netinsights.capture.dissect.http;

import io.netinsights.capture.dissect.CappedBuffer;
import io.netinsights.schemas.json.ItemJson;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP request and response JSON is written straight to a generator; it must be the same text that
 * {@link ItemJson#write} gives for the same object built as maps (the way it was made before),
 * including repeated headers and query keys, cookies, escapes and non-ASCII text.
 */
class HttpJsonTest {

    private static final int MAX_BODY = 1 << 20;

    @Test
    void requestIsWhatItemJsonWritesForTheSameMaps() {
        HttpHead h =
                head(
                        "POST /a/b%20c/?x=1&x=2&y=%E2%9C%93&z HTTP/1.1\r\n"
                                + "host: example.com\r\n"
                                + "X-REQUEST-id: 42\r\n"
                                + "x-pad:\t padded \t\r\n"
                                + "  folded\r\n"
                                + "accept: a\r\n"
                                + "Accept: b\r\n"
                                + "Cookie: s=\"quoted\"; t=2; =skip\r\n"
                                + "content-type: text/plain; charset=utf-8\r\n\r\n");
        CappedBuffer body = body("line\n\t\"quoted\" \\ \u0001 caf\u00e9 \u2713");

        String json = HttpJson.request(h, body, MAX_BODY);

        Target t = Target.parse(h.target);
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("mimeType", "text/plain; charset=utf-8");
        post.put("text", "line\n\t\"quoted\" \\ \u0001 caf\u00e9 \u2713");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "POST");
        m.put("url", h.target);
        m.put("path", t.path);
        m.put("pathSegments", t.segments());
        m.put("httpVersion", "HTTP/1.1");
        m.put("headers", HttpJson.headers(h));
        m.put("queryString", t.query());
        m.put("cookies", ordered("s", "quoted", "t", "2"));
        m.put("postData", post);
        m.put("bodySize", body.total());
        assertThat(json).isEqualTo(ItemJson.write(m));
        assertThat(HttpJson.headers(h))
                .containsEntry("X-Request-Id", "42")
                .containsEntry("X-Pad", "padded folded")
                .containsEntry("Accept", "a, b");
        assertThat(t.query()).containsEntry("x", List.of("1", "2")).containsEntry("z", "");
    }

    @Test
    void everyKindOfTargetIsWhatItemJsonWritesForTheSameMaps() {
        String[] targets = {
            "/",
            "*",
            "/a",
            "/a//b/",
            "x/y",
            "/%2F/%zz",
            "http://h:8/p/q?k=v",
            "h:443",
            "/?",
            "/?a&a&b=",
            "/caf%C3%A9?q=%E2%9C%93#frag",
            "/q?a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&a=10&bad=%zz&%zz=1&+k+=v+w",
            "/q?a=1&b=2&a=3&&c&bad=%zz&b=4&a=5"
        };
        for (String target : targets) {
            HttpHead h = head("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n");
            Target t = Target.parse(h.target);
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("mimeType", "");
            post.put("text", "");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", "GET");
            m.put("url", target);
            m.put("path", t.path);
            m.put("pathSegments", t.segments());
            m.put("httpVersion", "HTTP/1.1");
            m.put("headers", HttpJson.headers(h));
            m.put("queryString", t.query());
            m.put("cookies", Map.of());
            m.put("postData", post);
            m.put("bodySize", 0L);
            assertThat(HttpJson.request(h, body(""), MAX_BODY))
                    .as(target)
                    .isEqualTo(ItemJson.write(m));
        }
    }

    @Test
    void responseIsWhatItemJsonWritesForTheSameMaps() {
        HttpHead h =
                head(
                        "HTTP/1.1 404 Not Found\r\n"
                                + "content-type: application/json\r\n"
                                + "set-cookie: id=7; Path=/\r\n"
                                + "odd header: kept as sent\r\n\r\n");
        CappedBuffer body = body("{\"error\":\"none\"}");

        String json = HttpJson.response(h, body, MAX_BODY);

        Map<String, Object> content = new LinkedHashMap<>();
        content.put("mimeType", "application/json");
        content.put("size", 16L);
        content.put("encoding", "");
        content.put("text", "{\"error\":\"none\"}");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", 404);
        m.put("statusText", "Not Found");
        m.put("httpVersion", "HTTP/1.1");
        m.put("headers", HttpJson.headers(h));
        m.put("cookies", ordered("id", "7"));
        m.put("content", content);
        m.put("bodySize", body.total());
        assertThat(json).isEqualTo(ItemJson.write(m));
    }

    /**
     * Random heads (names from a small pool in mixed case, so repeats are common, and up to 40
     * fields, past the point where the writer switches to a map) and bodies.
     */
    @Property(tries = 400)
    void anyResponseIsWhatItemJsonWritesForTheSameMaps(
            @ForAll @Size(max = 40) List<@IntRange(max = 7) Integer> fields,
            @ForAll @Size(max = 40) List<@IntRange(max = 3) Integer> cases,
            @ForAll @Size(max = 400) byte[] bodyBytes) {
        String[] pool = {"accept", "X-Trace", "set-cookie", "Vary", "via", "x-a", "X-B", "warning"};
        StringBuilder text = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n");
        for (int i = 0; i < fields.size(); i++) {
            String name = pool[fields.get(i)];
            int c = i < cases.size() ? cases.get(i) : 0;
            name = c == 1 ? name.toUpperCase() : c == 2 ? name.toLowerCase() : name;
            text.append(name).append(": v").append(i).append(c == 3 ? "=\"q\"" : "").append("\r\n");
        }
        HttpHead h = head(text.append("\r\n").toString());
        CappedBuffer body = new CappedBuffer(MAX_BODY);
        body.add(bodyBytes, 0, bodyBytes.length);

        String json = HttpJson.response(h, body, MAX_BODY);

        ContentDecoder.Decoded d =
                ContentDecoder.decode(
                        bodyBytes,
                        bodyBytes.length,
                        bodyBytes.length,
                        null,
                        "text/plain",
                        MAX_BODY);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("mimeType", "text/plain");
        content.put("size", (long) bodyBytes.length);
        content.put("encoding", "");
        content.put("text", d.text());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", 200);
        m.put("statusText", "OK");
        m.put("httpVersion", "HTTP/1.1");
        m.put("headers", HttpJson.headers(h));
        m.put("cookies", responseCookies(h));
        m.put("content", content);
        m.put("bodySize", (long) bodyBytes.length);
        assertThat(json).isEqualTo(ItemJson.write(m));
    }

    /**
     * Bodies in other charsets are decoded as text first; UTF-8 ones go as bytes. Both must give
     * the characters the charset says, and binary bodies base64.
     */
    @Test
    void bodiesInEveryCharsetAndBinaryBodiesComeOutAsBefore() throws Exception {
        Object[][] cases = {
            {
                "text/plain; charset=ISO-8859-1",
                new byte[] {'c', 'a', 'f', (byte) 0xe9, '"'},
                "caf\u00e9\"",
                ""
            },
            {"text/plain; charset=\"utf-16be\"", new byte[] {0, 'h', 0, 'i'}, "hi", ""},
            {
                "application/json",
                "{\"k\":\"\u2713\"}".getBytes(StandardCharsets.UTF_8),
                "{\"k\":\"\u2713\"}",
                ""
            },
            {"application/octet-stream", new byte[] {0, 1, 2, (byte) 0xff}, "AAEC/w==", "base64"},
        };
        for (Object[] c : cases) {
            byte[] bytes = (byte[]) c[1];
            HttpHead h = head("HTTP/1.1 200 OK\r\nContent-Type: " + c[0] + "\r\n\r\n");
            CappedBuffer body = new CappedBuffer(MAX_BODY);
            body.add(bytes, 0, bytes.length);
            Map<?, ?> content =
                    (Map<?, ?>)
                            ItemJson.MAPPER
                                    .readValue(HttpJson.response(h, body, MAX_BODY), Map.class)
                                    .get("content");
            assertThat(content.get("text")).as("%s", c[0]).isEqualTo(c[2]);
            assertThat(content.get("encoding")).as("%s", c[0]).isEqualTo(c[3]);
        }
    }

    @Test
    void canonicalNamesFollowGo() {
        assertThat(HeaderText.canonicalName("content-type")).isEqualTo("Content-Type");
        assertThat(HeaderText.canonicalName("X-FORWARDED-FOR")).isEqualTo("X-Forwarded-For");
        assertThat(HeaderText.canonicalName("Host")).isSameAs(HeaderText.canonicalName("Host"));
        assertThat(HeaderText.canonicalName("odd header")).isEqualTo("odd header");
        assertThat(HeaderText.canonicalName("we:ird")).isEqualTo("we:ird");
    }

    @Test
    void headNamesAreCanonicalWhetherKnownOrNot() {
        HttpHead h =
                head(
                        "GET / HTTP/1.1\r\ncontent-TYPE: a\r\nx-request-id: b\r\nETAG: c\r\n"
                                + "x-my-own-header: d\r\nodd name: e\r\nwww-authenticate: f\r\n"
                                + "Content-Typo: g\r\n\r\n");
        assertThat(h.names)
                .containsExactly(
                        "Content-Type",
                        "X-Request-Id",
                        "Etag",
                        "X-My-Own-Header",
                        "odd name",
                        "Www-Authenticate",
                        "Content-Typo");
        for (String name : h.names) {
            assertThat(HeaderText.canonicalName(name)).isEqualTo(name);
        }
        assertThat(h.header("content-type")).isEqualTo("a");
    }

    private static Map<String, Object> responseCookies(HttpHead h) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String v : h.headers("Set-Cookie")) {
            String pair = v.contains(";") ? v.substring(0, v.indexOf(';')) : v;
            int eq = pair.indexOf('=');
            String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            m.put((eq < 0 ? pair : pair.substring(0, eq)).trim(), value);
        }
        return m;
    }

    private static Map<String, Object> ordered(String... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static HttpHead head(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return HttpHead.parse(b, b.length);
    }

    private static CappedBuffer body(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        CappedBuffer buf = new CappedBuffer(MAX_BODY);
        buf.add(b, 0, b.length);
        return buf;
    }
}
