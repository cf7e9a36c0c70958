package io.netinsights.capture.dissect.http2;

/** The 61 entries of the HPACK static table (RFC 7541 Appendix A), indexed from 1. */
final class HpackStaticTable {

    static final int LENGTH = 61;

    private static final String[] NAMES = {
        null,
        ":authority",
        ":method",
        ":method",
        ":path",
        ":path",
        ":scheme",
        ":scheme",
        ":status",
        ":status",
        ":status",
        ":status",
        ":status",
        ":status",
        ":status",
        "accept-charset",
        "accept-encoding",
        "accept-language",
        "accept-ranges",
        "accept",
        "access-control-allow-origin",
        "age",
        "allow",
        "authorization",
        "cache-control",
        "content-disposition",
        "content-encoding",
        "content-language",
        "content-length",
        "content-location",
        "content-range",
        "content-type",
        "cookie",
        "date",
        "etag",
        "expect",
        "expires",
        "from",
        "host",
        "if-match",
        "if-modified-since",
        "if-none-match",
        "if-range",
        "if-unmodified-since",
        "last-modified",
        "link",
        "location",
        "max-forwards",
        "proxy-authenticate",
        "proxy-authorization",
        "range",
        "referer",
        "refresh",
        "retry-after",
        "server",
        "set-cookie",
        "strict-transport-security",
        "transfer-encoding",
        "user-agent",
        "vary",
        "via",
        "www-authenticate"
    };

    private static final String[] VALUES = new String[LENGTH + 1];

    static {
        java.util.Arrays.fill(VALUES, "");
        VALUES[0] = null;
        VALUES[2] = "GET";
        VALUES[3] = "POST";
        VALUES[4] = "/";
        VALUES[5] = "/index.html";
        VALUES[6] = "http";
        VALUES[7] = "https";
        VALUES[8] = "200";
        VALUES[9] = "204";
        VALUES[10] = "206";
        VALUES[11] = "304";
        VALUES[12] = "400";
        VALUES[13] = "404";
        VALUES[14] = "500";
        VALUES[16] = "gzip, deflate";
    }

    private HpackStaticTable() {}

    /** Name of entry {@code index} (1..61); static names are ASCII, so length is octets too. */
    static String name(int index) {
        return NAMES[index];
    }

    static String value(int index) {
        return VALUES[index];
    }
}
