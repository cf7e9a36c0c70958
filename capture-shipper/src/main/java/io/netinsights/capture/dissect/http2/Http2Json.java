package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.dissect.CappedBuffer;
import io.netinsights.capture.dissect.http.ContentDecoder;
import io.netinsights.capture.dissect.http.HeaderText;
import io.netinsights.capture.dissect.http.Target;
import io.netinsights.schemas.json.ItemJson;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code request} and {@code response} objects of HTTP/2 items, in the shape of the HTTP/1.x
 * ones (scripting-api.md) with {@code httpVersion "HTTP/2.0"}. As in Kubeshark, header names go
 * through Go's canonicalisation ({@code content-type} becomes {@code Content-Type}) while
 * pseudo-headers stay as sent ({@code :authority}, {@code :path}), and response trailers are merged
 * into the response headers. Unlike Kubeshark, {@code path} is the decoded path without the query,
 * as for HTTP/1.x, and textual bodies are text rather than base64.
 *
 * <p>gRPC adds {@code request.grpcService} and {@code request.grpcMethod} (from {@code :path
 * /pkg.Service/Method}; {@code request.method} stays the HTTP method, {@code POST}), and {@code
 * response.grpcStatus} (a number, null when the trailers were not seen) and {@code
 * response.grpcMessage} (percent-decoded; null without trailers). gRPC bodies are {@link GrpcBody
 * base64 per message}.
 */
final class Http2Json {

    static final String VERSION = "HTTP/2.0";

    private Http2Json() {}

    static String request(Http2Stream s, int maxBodyBytes) {
        HeaderList h = s.requestHeaders;
        String url = orEmpty(h.get(":path"));
        Target t = Target.parse(url);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", orEmpty(h.get(":method")));
        m.put("url", url);
        m.put("path", t.path);
        m.put("pathSegments", t.segments());
        m.put("httpVersion", VERSION);
        m.put("headers", headers(h));
        m.put("queryString", t.query());
        m.put("cookies", requestCookies(h));
        String mime = orEmpty(h.get("content-type"));
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("mimeType", mime);
        boolean grpc = s.isGrpc();
        if (grpc) {
            post.put("text", GrpcBody.text(s.requestBody));
        } else {
            post.put(
                    "text", decode(h, s.requestBody, s.requestBodySize, mime, maxBodyBytes).text());
        }
        m.put("postData", post);
        m.put("bodySize", s.requestBodySize);
        if (grpc) {
            int slash = url.indexOf('/', 1);
            boolean named = url.startsWith("/") && slash > 1;
            m.put("grpcService", named ? url.substring(1, slash) : "");
            m.put("grpcMethod", named ? url.substring(slash + 1) : "");
        }
        return ItemJson.write(m);
    }

    static String response(Http2Stream s, int maxBodyBytes) {
        HeaderList h = s.responseHeaders;
        int status = status(h.get(":status"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("statusText", StatusText.of(status));
        m.put("httpVersion", VERSION);
        m.put("headers", headers(h));
        m.put("cookies", responseCookies(h));
        String mime = orEmpty(h.get("content-type"));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("mimeType", mime);
        boolean grpc = s.isGrpc();
        if (grpc) {
            content.put("size", s.responseBodySize);
            content.put("encoding", "base64");
            content.put("text", GrpcBody.text(s.responseBody));
        } else {
            ContentDecoder.Decoded d =
                    decode(h, s.responseBody, s.responseBodySize, mime, maxBodyBytes);
            content.put("size", d.size);
            content.put("encoding", d.encoding);
            content.put("text", d.text());
        }
        m.put("content", content);
        m.put("bodySize", s.responseBodySize);
        if (grpc) {
            m.put("grpcStatus", grpcStatus(h.get("grpc-status")));
            String message = h.get("grpc-message");
            String decoded = message == null ? null : Target.unescape(message, false);
            m.put("grpcMessage", decoded != null ? decoded : message);
        }
        return ItemJson.write(m);
    }

    private static ContentDecoder.Decoded decode(
            HeaderList h, CappedBuffer body, long total, String mime, int maxBodyBytes) {
        return ContentDecoder.decode(
                body.array(), body.size(), total, h.get("content-encoding"), mime, maxBodyBytes);
    }

    /** Canonical names; repeated fields joined with ", " (cookies with "; ", RFC 9113 8.2.3). */
    static Map<String, Object> headers(HeaderList h) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < h.size(); i++) {
            String name = HeaderText.canonicalName(h.name(i));
            String value = h.value(i);
            Object old = out.get(name);
            if (old == null) {
                out.put(name, value);
            } else {
                out.put(name, old + ("Cookie".equals(name) ? "; " : ", ") + value);
            }
        }
        return out;
    }

    private static Map<String, Object> requestCookies(HeaderList h) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < h.size(); i++) {
            if (h.name(i).equals("cookie")) {
                for (String pair : h.value(i).split(";")) {
                    HeaderText.putCookie(out, pair);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> responseCookies(HeaderList h) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < h.size(); i++) {
            if (h.name(i).equals("set-cookie")) {
                String v = h.value(i);
                int semi = v.indexOf(';');
                HeaderText.putCookie(out, semi < 0 ? v : v.substring(0, semi));
            }
        }
        return out;
    }

    /** The status code, or 0 when absent or not three digits. */
    static int status(String s) {
        if (s == null || s.length() != 3) {
            return 0;
        }
        int v = 0;
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Integer grpcStatus(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return null;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
