package io.netinsights.capture.dissect.http;

import io.netinsights.capture.dissect.CappedBuffer;
import io.netinsights.schemas.json.ItemJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code request} and {@code response} objects of HTTP items, in Kubeshark's shape (HAR-like,
 * with maps for headers, cookies and query string). Header names are canonicalised as Go's net/http
 * does ({@code content-type} becomes {@code Content-Type}), because Kubeshark scripts index them
 * that way; repeated headers are joined with {@code ", "}.
 */
final class HttpJson {

    private HttpJson() {}

    static String request(HttpHead h, CappedBuffer body, int maxBodyBytes) {
        String target = h.target;
        Target t = Target.parse(target);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", h.method);
        m.put("url", target);
        m.put("path", t.path);
        m.put("pathSegments", t.segments());
        m.put("httpVersion", h.version);
        m.put("headers", headers(h));
        m.put("queryString", t.query());
        m.put("cookies", requestCookies(h));
        String mime = mime(h);
        ContentDecoder.Decoded d = decode(h, body, mime, maxBodyBytes);
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("mimeType", mime);
        post.put("text", d.text);
        m.put("postData", post);
        m.put("bodySize", body.total());
        return ItemJson.write(m);
    }

    static String response(HttpHead h, CappedBuffer body, int maxBodyBytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", h.status);
        m.put("statusText", h.reason);
        m.put("httpVersion", h.version);
        m.put("headers", headers(h));
        m.put("cookies", responseCookies(h));
        String mime = mime(h);
        ContentDecoder.Decoded d = decode(h, body, mime, maxBodyBytes);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("mimeType", mime);
        content.put("size", d.size);
        content.put("encoding", d.encoding);
        content.put("text", d.text);
        m.put("content", content);
        m.put("bodySize", body.total());
        return ItemJson.write(m);
    }

    private static String mime(HttpHead h) {
        String ct = h.header("Content-Type");
        return ct == null ? "" : ct;
    }

    private static ContentDecoder.Decoded decode(
            HttpHead h, CappedBuffer body, String mime, int maxBodyBytes) {
        return ContentDecoder.decode(
                body.array(),
                body.size(),
                body.total(),
                h.header("Content-Encoding"),
                mime,
                maxBodyBytes);
    }

    static Map<String, Object> headers(HttpHead h) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < h.names.size(); i++) {
            String name = canonicalName(h.names.get(i));
            String value = h.values.get(i);
            Object old = out.get(name);
            out.put(name, old == null ? value : old + ", " + value);
        }
        return out;
    }

    /** Go's {@code textproto.CanonicalMIMEHeaderKey}: names with odd characters stay as sent. */
    static String canonicalName(String name) {
        char[] c = name.toCharArray();
        boolean upper = true;
        for (int i = 0; i < c.length; i++) {
            char x = c[i];
            if (x == ' ' || x > 0x7e || x <= 0x20 || x == ':') {
                return name;
            }
            if (upper && x >= 'a' && x <= 'z') {
                c[i] = (char) (x - 32);
            } else if (!upper && x >= 'A' && x <= 'Z') {
                c[i] = (char) (x + 32);
            }
            upper = x == '-';
        }
        return new String(c);
    }

    private static Map<String, Object> requestCookies(HttpHead h) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String header : h.headers("Cookie")) {
            for (String pair : split(header, ';')) {
                putCookie(out, pair);
            }
        }
        return out;
    }

    private static Map<String, Object> responseCookies(HttpHead h) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String header : h.headers("Set-Cookie")) {
            int semi = header.indexOf(';');
            putCookie(out, semi < 0 ? header : header.substring(0, semi));
        }
        return out;
    }

    private static void putCookie(Map<String, Object> out, String pair) {
        int eq = pair.indexOf('=');
        String name = (eq < 0 ? pair : pair.substring(0, eq)).trim();
        if (name.isEmpty()) {
            return;
        }
        String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        out.put(name, value);
    }

    static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int i = s.indexOf(sep, from);
            if (i < 0) {
                out.add(s.substring(from));
                return out;
            }
            out.add(s.substring(from, i));
            from = i + 1;
        }
    }
}
