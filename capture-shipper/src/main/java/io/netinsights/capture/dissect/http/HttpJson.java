package io.netinsights.capture.dissect.http;

import io.netinsights.capture.dissect.CappedBuffer;
import io.netinsights.schemas.json.ItemJson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
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

    // Field names with their quoted form computed once (the generator copies it as is).
    private static final SerializedString BODY_SIZE = new SerializedString("bodySize");
    private static final SerializedString CONTENT = new SerializedString("content");
    private static final SerializedString COOKIES = new SerializedString("cookies");
    private static final SerializedString ENCODING = new SerializedString("encoding");
    private static final SerializedString HEADERS = new SerializedString("headers");
    private static final SerializedString HTTP_VERSION = new SerializedString("httpVersion");
    private static final SerializedString METHOD = new SerializedString("method");
    private static final SerializedString MIME_TYPE = new SerializedString("mimeType");
    private static final SerializedString PATH = new SerializedString("path");
    private static final SerializedString PATH_SEGMENTS = new SerializedString("pathSegments");
    private static final SerializedString POST_DATA = new SerializedString("postData");
    private static final SerializedString QUERY_STRING = new SerializedString("queryString");
    private static final SerializedString SIZE = new SerializedString("size");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString STATUS_TEXT = new SerializedString("statusText");
    private static final SerializedString TEXT = new SerializedString("text");
    private static final SerializedString URL = new SerializedString("url");

    private HttpJson() {}

    static String request(HttpHead h, CappedBuffer body, int maxBodyBytes) {
        String target = h.target;
        Target t = Target.parse(target);
        String mime = mime(h);
        ContentDecoder.Decoded d = decode(h, body, mime, maxBodyBytes);
        return JsonBytesSink.object(
                "an HTTP request",
                g -> {
                    g.writeFieldName(METHOD);
                    g.writeString(h.method);
                    g.writeFieldName(URL);
                    g.writeString(target);
                    g.writeFieldName(PATH);
                    g.writeString(t.path);
                    g.writeFieldName(PATH_SEGMENTS);
                    writeSegments(g, t.path);
                    g.writeFieldName(HTTP_VERSION);
                    g.writeString(h.version);
                    g.writeFieldName(HEADERS);
                    writeHeaders(g, h);
                    g.writeFieldName(QUERY_STRING);
                    writeQuery(g, t);
                    g.writeFieldName(COOKIES);
                    writeValue(g, requestCookies(h));
                    g.writeFieldName(POST_DATA);
                    g.writeStartObject();
                    g.writeFieldName(MIME_TYPE);
                    g.writeString(mime);
                    writeTextAndBodySize(g, d, body);
                });
    }

    static String response(HttpHead h, CappedBuffer body, int maxBodyBytes) {
        String mime = mime(h);
        ContentDecoder.Decoded d = decode(h, body, mime, maxBodyBytes);
        return JsonBytesSink.object(
                "an HTTP response",
                g -> {
                    g.writeFieldName(STATUS);
                    g.writeNumber(h.status);
                    g.writeFieldName(STATUS_TEXT);
                    g.writeString(h.reason);
                    g.writeFieldName(HTTP_VERSION);
                    g.writeString(h.version);
                    g.writeFieldName(HEADERS);
                    writeHeaders(g, h);
                    g.writeFieldName(COOKIES);
                    writeValue(g, responseCookies(h));
                    g.writeFieldName(CONTENT);
                    g.writeStartObject();
                    g.writeFieldName(MIME_TYPE);
                    g.writeString(mime);
                    g.writeFieldName(SIZE);
                    g.writeNumber(d.size);
                    g.writeFieldName(ENCODING);
                    g.writeString(d.encoding);
                    writeTextAndBodySize(g, d, body);
                });
    }

    /** The end of both: the body text, closing postData/content, and the size on the wire. */
    private static void writeTextAndBodySize(
            JsonGenerator g, ContentDecoder.Decoded d, CappedBuffer body) throws IOException {
        g.writeFieldName(TEXT);
        d.writeText(g);
        g.writeEndObject();
        g.writeFieldName(BODY_SIZE);
        g.writeNumber(body.total());
    }

    /** {@link Target#segments()} written without the lists and substrings. */
    private static void writeSegments(JsonGenerator g, String path) throws IOException {
        g.writeStartArray();
        int from = path.indexOf('/');
        if (from >= 0) {
            char[] c = chars(path);
            int n = path.length();
            from++;
            for (int i = from; i <= n; i++) {
                if (i == n || c[i] == '/') {
                    g.writeString(c, from, i - from);
                    from = i + 1;
                }
            }
        }
        g.writeEndArray();
    }

    private static final ThreadLocal<char[][]> CHARS =
            ThreadLocal.withInitial(() -> new char[][] {new char[256]});

    /** The characters of {@code s} in this thread's reused array. */
    private static char[] chars(String s) {
        char[][] holder = CHARS.get();
        if (holder[0].length < s.length()) {
            holder[0] = new char[Math.max(s.length(), holder[0].length * 2)];
        }
        s.getChars(0, s.length(), holder[0], 0);
        return holder[0];
    }

    /**
     * {@link Target#query()} written without the map: keys once, at their first place, a list for
     * repeated keys. Long query strings take the map.
     */
    private static void writeQuery(JsonGenerator g, Target t) throws IOException {
        String raw = t.rawQuery;
        g.writeStartObject();
        if (raw.isEmpty()) {
            g.writeEndObject();
            return;
        }
        String[] keys = new String[8];
        String[] values = new String[8];
        int n = 0;
        int from = 0;
        while (from <= raw.length()) {
            int amp = raw.indexOf('&', from);
            int end = amp < 0 ? raw.length() : amp;
            if (end > from) {
                if (n == keys.length) {
                    // many parameters: the map's lookups do not grow with the square of the count
                    for (Map.Entry<String, Object> e : t.query().entrySet()) {
                        g.writeFieldName(e.getKey());
                        writeValue(g, e.getValue());
                    }
                    g.writeEndObject();
                    return;
                }
                int eq = raw.indexOf('=', from);
                boolean hasValue = eq >= 0 && eq < end;
                String key = Target.unescape(raw.substring(from, hasValue ? eq : end), true);
                String value = hasValue ? Target.unescape(raw.substring(eq + 1, end), true) : "";
                if (key != null && value != null) { // Go skips pairs with bad escapes
                    keys[n] = key;
                    values[n] = value;
                    n++;
                }
            }
            from = end + 1;
        }
        for (int i = 0; i < n; i++) {
            if (seenBefore(keys, i)) {
                continue;
            }
            g.writeFieldName(keys[i]);
            int repeats = 0;
            for (int k = i + 1; k < n; k++) {
                repeats += keys[k].equals(keys[i]) ? 1 : 0;
            }
            if (repeats == 0) {
                g.writeString(values[i]);
                continue;
            }
            g.writeStartArray();
            for (int k = i; k < n; k++) {
                if (keys[k].equals(keys[i])) {
                    g.writeString(values[k]);
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /**
     * Writes strings, lists and maps as {@link ItemJson#write} would, straight to the generator:
     * building the whole object as maps first and serialising those cost more than the writing.
     */
    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof List) {
            g.writeStartArray();
            for (Object e : (List<?>) v) {
                writeValue(g, e);
            }
            g.writeEndArray();
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeObject(v);
        }
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

    /**
     * Writes {@link #headers} without building the map: each canonical name once, at its first
     * place, with the values of its repeats joined. Heads with many fields take the map, whose
     * lookups do not grow with the square of the count.
     */
    private static void writeHeaders(JsonGenerator g, HttpHead h) throws IOException {
        int n = h.names.size();
        if (n > 24) {
            writeValue(g, headers(h));
            return;
        }
        String[] names = h.names.toArray(new String[n]); // canonical already
        g.writeStartObject();
        for (int i = 0; i < n; i++) {
            if (seenBefore(names, i)) {
                continue;
            }
            String value = h.values.get(i);
            for (int k = i + 1; k < n; k++) {
                if (names[k].equals(names[i])) {
                    value = value + ", " + h.values.get(k);
                }
            }
            g.writeFieldName(names[i]);
            g.writeString(value);
        }
        g.writeEndObject();
    }

    private static boolean seenBefore(String[] names, int i) {
        for (int j = 0; j < i; j++) {
            if (names[j].equals(names[i])) {
                return true;
            }
        }
        return false;
    }

    static Map<String, Object> headers(HttpHead h) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < h.names.size(); i++) {
            String name = HeaderText.canonicalName(h.names.get(i));
            String value = h.values.get(i);
            Object old = out.get(name);
            out.put(name, old == null ? value : old + ", " + value);
        }
        return out;
    }

    private static Map<String, Object> requestCookies(HttpHead h) {
        if (h.header("Cookie") == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String header : h.headers("Cookie")) {
            for (String pair : split(header, ';')) {
                HeaderText.putCookie(out, pair);
            }
        }
        return out;
    }

    private static Map<String, Object> responseCookies(HttpHead h) {
        if (h.header("Set-Cookie") == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String header : h.headers("Set-Cookie")) {
            int semi = header.indexOf(';');
            HeaderText.putCookie(out, semi < 0 ? header : header.substring(0, semi));
        }
        return out;
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
