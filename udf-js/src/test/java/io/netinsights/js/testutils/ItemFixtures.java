package io.netinsights.js.testutils;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named builders of scripting-API items as mutable Map/List trees over fixed instants, shared by
 * the KFL and HAR tests. Every call returns a fresh tree, so a test may change it freely.
 */
public final class ItemFixtures {

    /** When every fixture item was captured: 2024-02-01T10:00:00Z. */
    public static final Instant CAPTURED = Instant.parse("2024-02-01T10:00:00Z");

    private ItemFixtures() {}

    /** An HTTP/1.1 POST from frontend to catalog answered by a 503, 42 ms later. */
    public static Map<String, Object> httpItem() {
        Map<String, Object> item = base("http", "1.1", "HTTP", "http");
        item.put(
                "request",
                map(
                        "method",
                        "POST",
                        "url",
                        "/api/v1/items?limit=10&sort=asc",
                        "path",
                        "/api/v1/items",
                        "pathSegments",
                        list("api", "v1", "items"),
                        "httpVersion",
                        "HTTP/1.1",
                        "headers",
                        map(
                                "Content-Type", "application/json",
                                "User-Agent", "curl/8.0",
                                "X-Request-Id", "r-42"),
                        "queryString",
                        map("limit", "10", "sort", "asc"),
                        "cookies",
                        map("session", "s1"),
                        "postData",
                        map(
                                "mimeType", "application/json",
                                "text", "{\"name\":\"lamp\",\"price\":12.5}"),
                        "bodySize",
                        28));
        item.put(
                "response",
                map(
                        "status",
                        503,
                        "statusText",
                        "Service Unavailable",
                        "httpVersion",
                        "HTTP/1.1",
                        "headers",
                        map("Content-Type", "application/json", "Retry-After", "5"),
                        "cookies",
                        map(),
                        "content",
                        map(
                                "mimeType", "application/json",
                                "size", 24,
                                "text", "{\"error\":\"backend down\"}"),
                        "bodySize",
                        24));
        return item;
    }

    /** A gRPC call (HTTP/2 underneath) to catalog. */
    public static Map<String, Object> grpcItem() {
        Map<String, Object> item = httpItem();
        item.put("protocol", protocol("http", "2.0", "gRPC", "grpc"));
        Map<String, Object> req = asMap(item.get("request"));
        req.put("method", "POST");
        req.put("url", "/catalog.Catalog/GetItem");
        req.put("path", "/catalog.Catalog/GetItem");
        req.put("httpVersion", "HTTP/2.0");
        asMap(item.get("response")).put("status", 200);
        return item;
    }

    /** A DNS A query for example.com with one answer. */
    public static Map<String, Object> dnsItem() {
        Map<String, Object> item = base("dns", "0", "DNS", "dns");
        item.put(
                "request",
                map(
                        "opCode",
                        "QUERY",
                        "questions",
                        list(map("name", "example.com", "type", "A", "class", "IN"))));
        item.put(
                "response",
                map(
                        "code", "NoError",
                        "answers",
                                list(
                                        map(
                                                "name", "example.com",
                                                "type", "A",
                                                "class", "IN",
                                                "ttl", 300,
                                                "ip", "93.184.216.34")),
                        "authorities", list(),
                        "additionals", list()));
        return item;
    }

    /** A Redis GET of session:1. */
    public static Map<String, Object> redisItem() {
        Map<String, Object> item = base("redis", "3.x", "REDIS", "redis");
        item.put("request", map("type", "array", "command", "GET", "key", "session:1"));
        item.put("response", map("type", "bulk", "value", "abc"));
        return item;
    }

    private static Map<String, Object> base(
            String name, String version, String abbr, String macro) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", "item-1");
        item.put("index", 0);
        item.put("stream", "000000000001");
        item.put("worker", "10.0.0.2:30001");
        item.put("node", map("ip", "10.0.0.2", "name", "node-a"));
        item.put("timestamp", CAPTURED.toEpochMilli());
        item.put("startTime", CAPTURED.toString());
        item.put("protocol", protocol(name, version, abbr, macro));
        item.put(
                "src",
                map(
                        "ip", "10.0.0.5",
                        "port", "43120",
                        "name", "frontend-7d9f",
                        "namespace", "shop",
                        "pod",
                                map(
                                        "name", "frontend-7d9f",
                                        "namespace", "shop",
                                        "labels", map("app", "frontend")),
                        "service", null));
        item.put(
                "dst",
                map(
                        "ip", "10.0.1.7",
                        "port", "8080",
                        "name", "catalog",
                        "namespace", "shop",
                        "pod",
                                map(
                                        "name", "catalog-5c",
                                        "namespace", "shop",
                                        "labels", map("app", "catalog", "tier", "backend")),
                        "service", map("name", "catalog", "namespace", "shop")));
        item.put("outgoing", false);
        item.put("tls", false);
        item.put("requestSize", 300);
        item.put("responseSize", 120);
        item.put("elapsedTime", 42);
        item.put("passed", false);
        item.put("failed", false);
        item.put("error", null);
        return item;
    }

    private static Map<String, Object> protocol(
            String name, String version, String abbr, String macro) {
        return map(
                "name", name,
                "version", version,
                "abbr", abbr,
                "longName", abbr + " protocol",
                "macro", macro,
                "layer4", name.equals("dns") ? "udp" : "tcp",
                "ports", list("80", "8080"));
    }

    /** A mutable, insertion-ordered map from alternating keys and values (values may be null). */
    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            m.put((String) kv[k], kv[k + 1]);
        }
        return m;
    }

    /** A mutable list. */
    public static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
