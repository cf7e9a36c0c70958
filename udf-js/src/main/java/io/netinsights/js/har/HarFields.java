package io.netinsights.js.har;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the request and response objects of an HTTP item to their HAR 1.2 forms: name/value lists
 * for headers, query and cookies, an absolute URL, postData and content.
 */
final class HarFields {

    private HarFields() {}

    static ObjectNode request(
            Map<String, Object> item, Map<String, Object> req, Map<String, Object> dst) {
        ObjectNode r = HarBuilder.MAPPER.createObjectNode();
        r.put("method", str(req.get("method")).isEmpty() ? "GET" : str(req.get("method")));
        r.put("url", absoluteUrl(item, req, dst));
        r.put("httpVersion", httpVersion(req.get("httpVersion"), "HTTP/1.1"));
        r.set("cookies", pairs(req.get("cookies")));
        r.set("headers", pairs(req.get("headers")));
        ArrayNode query = pairs(req.get("queryString"));
        if (query.isEmpty()) {
            query = queryFromUrl(str(req.get("url")));
        }
        r.set("queryString", query);
        Map<String, Object> post = map(req.get("postData"));
        String text = str(post.get("text"));
        String mime = str(post.get("mimeType"));
        if (!text.isEmpty() || !mime.isEmpty()) {
            ObjectNode pd = r.putObject("postData");
            pd.put("mimeType", mime.isEmpty() ? header(req, "content-type") : mime);
            pd.put("text", text);
        }
        r.put("headersSize", -1);
        Number size = num(req.get("bodySize"));
        r.put("bodySize", size != null ? size.longValue() : utf8Length(text));
        return r;
    }

    static ObjectNode response(Map<String, Object> req, Map<String, Object> resp) {
        ObjectNode r = HarBuilder.MAPPER.createObjectNode();
        Number status = num(resp.get("status"));
        r.put("status", status == null ? 0 : status.intValue());
        r.put("statusText", str(resp.get("statusText")));
        r.put(
                "httpVersion",
                httpVersion(
                        resp.get("httpVersion"), httpVersion(req.get("httpVersion"), "HTTP/1.1")));
        r.set("cookies", pairs(resp.get("cookies")));
        r.set("headers", pairs(resp.get("headers")));
        Map<String, Object> content = map(resp.get("content"));
        String text = str(content.get("text"));
        ObjectNode c = r.putObject("content");
        Number size = num(content.get("size"));
        long contentSize = size != null ? size.longValue() : utf8Length(text);
        c.put("size", contentSize);
        String mime = str(content.get("mimeType"));
        if (mime.isEmpty()) {
            mime = header(resp, "content-type");
        }
        c.put("mimeType", mime.isEmpty() ? "x-unknown" : mime);
        if (content.get("text") != null) {
            c.put("text", text);
        }
        String encoding = str(content.get("encoding"));
        if (!encoding.isEmpty()) {
            c.put("encoding", encoding);
        }
        r.put("redirectURL", header(resp, "location"));
        r.put("headersSize", -1);
        Number body = num(resp.get("bodySize"));
        r.put("bodySize", body != null ? body.longValue() : contentSize);
        return r;
    }

    /**
     * The request URL as it is when absolute, else {@code scheme://host[:port]} + the relative URL
     * (or path), with host = dst.name, dst.ip or the Host header, and https for TLS items.
     */
    static String absoluteUrl(
            Map<String, Object> item, Map<String, Object> req, Map<String, Object> dst) {
        String url = str(req.get("url"));
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return url;
        }
        String rel = url.isEmpty() ? str(req.get("path")) : url;
        if (!rel.startsWith("/")) {
            rel = "/" + rel;
        }
        if (url.isEmpty() && rel.indexOf('?') < 0) {
            rel += queryText(req.get("queryString"));
        }
        String scheme = Boolean.TRUE.equals(item.get("tls")) ? "https" : "http";
        String host = str(dst.get("name"));
        if (host.isEmpty()) {
            host = str(dst.get("ip"));
        }
        if (host.isEmpty()) {
            host = header(req, "host");
            if (host.isEmpty()) {
                host = header(req, ":authority");
            }
            return scheme + "://" + (host.isEmpty() ? "localhost" : host) + rel;
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // IPv6 literal
        }
        String port = str(dst.get("port"));
        boolean defaultPort =
                port.isEmpty()
                        || (scheme.equals("http") && port.equals("80"))
                        || (scheme.equals("https") && port.equals("443"));
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + rel;
    }

    /** A map {name: value | [values]} (or a HAR-style list of {name, value}) as HAR pairs. */
    static ArrayNode pairs(Object source) {
        ArrayNode out = HarBuilder.MAPPER.createArrayNode();
        if (source instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) source).entrySet()) {
                String name = String.valueOf(e.getKey());
                if (e.getValue() instanceof List) {
                    for (Object v : (List<?>) e.getValue()) {
                        out.addObject().put("name", name).put("value", str(v));
                    }
                } else {
                    out.addObject().put("name", name).put("value", str(e.getValue()));
                }
            }
        } else if (source instanceof List) {
            for (Object o : (List<?>) source) {
                Map<String, Object> pair = map(o);
                if (pair.containsKey("name")) {
                    out.addObject()
                            .put("name", str(pair.get("name")))
                            .put("value", str(pair.get("value")));
                }
            }
        }
        return out;
    }

    private static ArrayNode queryFromUrl(String url) {
        ArrayNode out = HarBuilder.MAPPER.createArrayNode();
        int q = url.indexOf('?');
        if (q < 0) {
            return out;
        }
        int end = url.indexOf('#', q);
        String query = url.substring(q + 1, end < 0 ? url.length() : end);
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            out.addObject().put("name", decode(name)).put("value", decode(value));
        }
        return out;
    }

    private static String queryText(Object queryString) {
        ArrayNode pairs = pairs(queryString);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < pairs.size(); k++) {
            sb.append(k == 0 ? '?' : '&')
                    .append(pairs.get(k).get("name").asText())
                    .append('=')
                    .append(pairs.get(k).get("value").asText());
        }
        return sb.toString();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // malformed %-escape: keep the raw text rather than drop the parameter
        }
    }

    /** A header value by case-insensitive name (first value of a list), or "". */
    static String header(Map<String, Object> message, String name) {
        Map<String, Object> headers = map(message.get("headers"));
        for (Map.Entry<String, Object> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                Object v = e.getValue();
                return v instanceof List && !((List<?>) v).isEmpty()
                        ? str(((List<?>) v).get(0))
                        : str(v);
            }
        }
        return "";
    }

    private static String httpVersion(Object v, String fallback) {
        String s = str(v);
        return s.isEmpty() ? fallback : s;
    }

    private static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    static String str(Object o) {
        if (o == null) {
            return "";
        }
        if (o instanceof Double && ((Double) o) == Math.rint((Double) o)) {
            return Long.toString(((Double) o).longValue());
        }
        return String.valueOf(o);
    }

    /** A number, or a numeric string parsed; null otherwise. */
    static Number num(Object o) {
        if (o instanceof Number) {
            return (Number) o;
        }
        if (o instanceof String && !((String) o).isEmpty()) {
            try {
                return Double.parseDouble((String) o);
            } catch (NumberFormatException e) {
                return null; // not numeric: the caller falls back to a default
            }
        }
        return null;
    }
}
