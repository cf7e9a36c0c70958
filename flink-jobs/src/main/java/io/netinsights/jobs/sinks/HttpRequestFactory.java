package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns sink requests into HTTP requests: webhook and Slack as given, Elasticsearch as {@code POST
 * {url}/{index}/_doc} (basic auth from the user and password), InfluxDB as line protocol to {@code
 * /api/v2/write} ({@code Token} auth), Prometheus as a push to the Pushgateway. Every request
 * carries {@code X-Netinsights-Request-Id}, stable across retries, for receivers that deduplicate.
 *
 * @throws IllegalArgumentException (from every method) for a request that can never be sent
 */
final class HttpRequestFactory {
    static final String REQUEST_ID_HEADER = "X-Netinsights-Request-Id";

    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED =
            Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final SinkOptions options;

    HttpRequestFactory(SinkOptions options) {
        this.options = options;
    }

    /** The request of a webhook, Slack, Elasticsearch or InfluxDB sink request. */
    HttpRequest build(SinkRequest r) {
        return switch (r.getKind()) {
            case WEBHOOK -> webhook(r);
            case SLACK ->
                    base(r, url(r.getTarget()))
                            .header("Content-Type", "application/json")
                            .POST(body(r))
                            .build();
            case ELASTIC -> elastic(r);
            case INFLUXDB -> influx(r);
            default -> throw new IllegalArgumentException(r.getKind() + " is not sent one by one");
        };
    }

    private HttpRequest webhook(SinkRequest r) {
        HttpRequest.Builder b = base(r, url(r.getTarget()));
        boolean typed = false;
        for (Map.Entry<String, String> h : r.getHeaders().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!RESTRICTED.contains(name)) {
                b.header(h.getKey(), h.getValue());
                typed |= name.equals("content-type");
            }
        }
        byte[] payload = SinkRequests.payload(r);
        if (!typed && payload.length > 0) {
            b.header("Content-Type", r.getContentType());
        }
        String method =
                r.getMethod() == null || r.getMethod().isEmpty()
                        ? "POST"
                        : r.getMethod().toUpperCase(Locale.ROOT);
        return b.method(
                        method,
                        payload.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(payload))
                .build();
    }

    private HttpRequest elastic(SinkRequest r) {
        if (r.getKey() == null || r.getKey().isEmpty()) {
            throw new IllegalArgumentException("elastic: index is empty");
        }
        URI uri = url(trim(r.getTarget()) + "/" + encode(r.getKey()) + "/_doc");
        HttpRequest.Builder b = base(r, uri).header("Content-Type", "application/json");
        String user = SinkRequests.attribute(r, SinkRequests.ACCESS_KEY_ID);
        String pass = SinkRequests.attribute(r, SinkRequests.SECRET_ACCESS_KEY);
        if (user != null) {
            String basic = user + ":" + (pass == null ? "" : pass);
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return b.POST(body(r)).build();
    }

    private HttpRequest influx(SinkRequest r) {
        Map<String, String> a = r.getAttributes();
        String org = a.getOrDefault("org", "");
        String bucket = a.getOrDefault("bucket", "");
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("influxdb: bucket is empty");
        }
        String line =
                InfluxLineProtocol.line(
                        a.getOrDefault("measurement", r.getKey()),
                        a.get("tags"),
                        SinkRequests.payloadText(r),
                        r.getTimestamp());
        URI uri =
                url(
                        trim(r.getTarget())
                                + "/api/v2/write?org="
                                + encode(org)
                                + "&bucket="
                                + encode(bucket)
                                + "&precision=ms");
        HttpRequest.Builder b = base(r, uri).header("Content-Type", "text/plain; charset=utf-8");
        String token = SinkRequests.attribute(r, "token");
        if (token != null) {
            b.header("Authorization", "Token " + token);
        }
        return b.POST(HttpRequest.BodyPublishers.ofString(line + "\n")).build();
    }

    /**
     * The Pushgateway group of a Prometheus request: {@code
     * /metrics/job/{job}/script/{script}/instance/{instance}} under the configured URL.
     */
    URI pushUrl(SinkRequest r) {
        if (options.pushgateway() == null) {
            throw new IllegalArgumentException(
                    "prometheus: no Pushgateway configured (SinkOptions.pushgateway,"
                            + " NETINSIGHTS_PUSHGATEWAY_URL)");
        }
        return url(
                trim(options.pushgateway().toString())
                        + "/metrics/job/"
                        + segment(options.prometheusJob())
                        + "/script"
                        + labelPath(r.getScript())
                        + "/instance"
                        + labelPath(r.getInstance()));
    }

    /** A push of exposition text to a Pushgateway group (POST: replaces the pushed families). */
    HttpRequest push(URI group, String text, String requestId) {
        return HttpRequest.newBuilder(group)
                .timeout(options.requestTimeout())
                .header(REQUEST_ID_HEADER, requestId)
                .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build();
    }

    private HttpRequest.Builder base(SinkRequest r, URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(options.requestTimeout())
                .header(REQUEST_ID_HEADER, r.getId());
    }

    private static HttpRequest.BodyPublisher body(SinkRequest r) {
        return HttpRequest.BodyPublishers.ofByteArray(SinkRequests.payload(r));
    }

    static URI url(String text) {
        URI uri = URI.create(text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "not an http(s) URL: " + SinkRequests.safeTarget(text));
        }
        return uri;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A grouping-key value; with '/' or empty it is sent base64url-encoded ("@base64"). */
    private static String labelPath(String value) {
        if (value == null || value.isEmpty() || value.contains("/")) {
            String b64 =
                    Base64.getUrlEncoder()
                            .encodeToString(
                                    (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
            return "@base64/" + (b64.isEmpty() ? "=" : b64);
        }
        return "/" + segment(value);
    }

    private static String segment(String s) {
        return encode(s);
    }
}
