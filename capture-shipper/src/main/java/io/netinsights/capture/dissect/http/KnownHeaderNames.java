package io.netinsights.capture.dissect.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The canonical form (Go's, as {@link HeaderText#canonicalName} makes it) of common header names,
 * found from the bytes of a head without making a {@code String}: most fields of most messages
 * carry one of these names, so parsing a head allocates and scans nothing for them.
 */
final class KnownHeaderNames {

    private static final String[] NAMES = {
        "Accept",
        "Accept-Charset",
        "Accept-Encoding",
        "Accept-Language",
        "Accept-Ranges",
        "Access-Control-Allow-Credentials",
        "Access-Control-Allow-Headers",
        "Access-Control-Allow-Methods",
        "Access-Control-Allow-Origin",
        "Access-Control-Expose-Headers",
        "Access-Control-Max-Age",
        "Age",
        "Allow",
        "Authorization",
        "Cache-Control",
        "Connection",
        "Content-Disposition",
        "Content-Encoding",
        "Content-Language",
        "Content-Length",
        "Content-Location",
        "Content-Range",
        "Content-Security-Policy",
        "Content-Type",
        "Cookie",
        "Date",
        "Etag",
        "Expect",
        "Expires",
        "Forwarded",
        "Grpc-Status",
        "Host",
        "If-Match",
        "If-Modified-Since",
        "If-None-Match",
        "If-Range",
        "If-Unmodified-Since",
        "Keep-Alive",
        "Last-Modified",
        "Link",
        "Location",
        "Origin",
        "Pragma",
        "Proxy-Authenticate",
        "Proxy-Authorization",
        "Proxy-Connection",
        "Range",
        "Referer",
        "Retry-After",
        "Server",
        "Set-Cookie",
        "Strict-Transport-Security",
        "Te",
        "Traceparent",
        "Tracestate",
        "Trailer",
        "Transfer-Encoding",
        "Upgrade",
        "User-Agent",
        "Vary",
        "Via",
        "Warning",
        "Www-Authenticate",
        "X-B3-Sampled",
        "X-B3-Spanid",
        "X-B3-Traceid",
        "X-Content-Type-Options",
        "X-Envoy-Upstream-Service-Time",
        "X-Forwarded-For",
        "X-Forwarded-Host",
        "X-Forwarded-Proto",
        "X-Frame-Options",
        "X-Powered-By",
        "X-Real-Ip",
        "X-Request-Id",
        "X-Requested-With",
        "X-Xss-Protection"
    };

    private static final int SLOTS = 512; // a power of two, well above the number of names
    private static final byte[][] LOWER = new byte[SLOTS][];
    private static final String[] CANONICAL = new String[SLOTS];

    static {
        for (String name : NAMES) {
            byte[] lower = name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            int slot = hash(lower, 0, lower.length) & (SLOTS - 1);
            while (LOWER[slot] != null) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            LOWER[slot] = lower;
            CANONICAL[slot] = HeaderText.canonicalName(name);
        }
    }

    private KnownHeaderNames() {}

    /** The canonical name when {@code b[from .. to)} is a known name in any case, else null. */
    static String find(byte[] b, int from, int to) {
        int slot = hash(b, from, to) & (SLOTS - 1);
        while (true) {
            byte[] lower = LOWER[slot];
            if (lower == null) {
                return null;
            }
            if (equalsLower(lower, b, from, to)) {
                return CANONICAL[slot];
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
    }

    /** Length and a few letters, case folded (ASCII letters only; other bytes as they are). */
    private static int hash(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return 0;
        }
        int h = n * 31 + lower(b[from]);
        h = h * 31 + lower(b[to - 1]);
        h = h * 31 + lower(b[from + n / 2]);
        return h ^ (h >>> 7);
    }

    private static boolean equalsLower(byte[] lower, byte[] b, int from, int to) {
        if (lower.length != to - from) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            if (lower(b[from + i]) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
