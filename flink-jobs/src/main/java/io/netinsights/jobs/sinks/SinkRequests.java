package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkRequest;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Safe access to sink requests: payload bytes without moving the buffer, descriptions for logs and
 * dead letters that leave out attributes and URL paths (a Slack webhook URL is a secret), and
 * copies with the credential attributes removed.
 */
public final class SinkRequests {
    /** Attributes that hold secrets: never logged, removed from dead letters. */
    public static final Set<String> SECRET_ATTRIBUTES = Set.of("secretAccessKey", "token");

    public static final String ACCESS_KEY_ID = "accessKeyId";
    public static final String SECRET_ACCESS_KEY = "secretAccessKey";

    private SinkRequests() {}

    /** The payload bytes; the request's buffer is left as it was. */
    public static byte[] payload(SinkRequest request) {
        ByteBuffer b = request.getPayload().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    public static String payloadText(SinkRequest request) {
        return new String(payload(request), StandardCharsets.UTF_8);
    }

    /** An attribute, or null when absent or empty. */
    public static String attribute(SinkRequest request, String name) {
        String v = request.getAttributes().get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** "id=…, kind=…, target=…" with URLs cut to scheme, host and port. */
    public static String describe(SinkRequest request) {
        return "id="
                + request.getId()
                + ", kind="
                + request.getKind()
                + ", target="
                + safeTarget(request.getTarget());
    }

    /** A URL as scheme://host:port (paths and queries can hold tokens); other targets as-is. */
    public static String safeTarget(String target) {
        if (target == null || !target.contains("://")) {
            return target;
        }
        try {
            URI u = URI.create(target);
            return u.getScheme()
                    + "://"
                    + u.getHost()
                    + (u.getPort() >= 0 ? ":" + u.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "<unparsable URL>";
        }
    }

    /** A copy without secret attributes, for dead letters. */
    public static SinkRequest redacted(SinkRequest request) {
        Map<String, String> attrs = new LinkedHashMap<>(request.getAttributes());
        if (!attrs.keySet().removeAll(SECRET_ATTRIBUTES)) {
            return request;
        }
        SinkRequest copy = SinkRequest.newBuilder(request).build();
        copy.setAttributes(attrs);
        return copy;
    }
}
