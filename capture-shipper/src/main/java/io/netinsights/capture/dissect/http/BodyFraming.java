package io.netinsights.capture.dissect.http;

/**
 * How the body of an HTTP/1.x message is delimited (RFC 9112 section 6.3), as one long: a positive
 * byte count, {@link #NONE}, {@link #CHUNKED} or {@link #UNTIL_CLOSE}. Transfer-Encoding wins over
 * Content-Length, as the RFC requires and as request-smuggling defences expect.
 */
final class BodyFraming {

    static final long NONE = 0;
    static final long CHUNKED = -2;
    static final long UNTIL_CLOSE = -3;

    private static final int MAX_LENGTH_DIGITS = 18;
    private static final int MAX_CHUNK_DIGITS = 15;

    private BodyFraming() {}

    static long ofRequest(HttpHead h, HttpConversation errors) {
        String te = h.header("Transfer-Encoding");
        String cl = h.header("Content-Length");
        if (te != null) {
            if (isChunked(te)) {
                return CHUNKED;
            }
            errors.parseError(); // a request body length that cannot be determined
        }
        return cl == null ? NONE : length(cl, errors, NONE);
    }

    static long ofResponse(HttpHead h, String requestMethod, HttpConversation errors) {
        int s = h.status;
        if ((s >= 100 && s < 200) || s == 204 || s == 304 || "HEAD".equals(requestMethod)) {
            return NONE;
        }
        if ("CONNECT".equals(requestMethod) && s / 100 == 2) {
            return NONE;
        }
        String te = h.header("Transfer-Encoding");
        if (te != null) {
            return isChunked(te) ? CHUNKED : UNTIL_CLOSE;
        }
        String cl = h.header("Content-Length");
        return cl == null ? UNTIL_CLOSE : length(cl, errors, UNTIL_CLOSE);
    }

    /** Whether chunked is the last transfer coding. */
    static boolean isChunked(String te) {
        int comma = te.lastIndexOf(',');
        return te.substring(comma + 1).trim().equalsIgnoreCase("chunked");
    }

    /** Content-Length, allowing a list of identical values ({@code 5, 5}). */
    private static long length(String cl, HttpConversation errors, long fallback) {
        long value = -1;
        int from = 0;
        while (from <= cl.length()) {
            int comma = cl.indexOf(',', from);
            int to = comma < 0 ? cl.length() : comma;
            long v = digits(cl, from, to);
            if (v < 0 || (value >= 0 && v != value)) {
                errors.parseError();
                return fallback;
            }
            value = v;
            from = to + 1;
        }
        return value;
    }

    private static long digits(String s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        if (from == to || to - from > MAX_LENGTH_DIGITS) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The size of a chunk-size line ({@code 1a;ext=1}), or -1 when invalid or too large. */
    static long chunkSize(byte[] b, int len) {
        long v = 0;
        int digits = 0;
        for (int i = 0; i < len; i++) {
            int d = Character.digit(b[i], 16);
            if (d < 0) {
                if (b[i] == ';' || b[i] == ' ' || b[i] == '\t') {
                    break;
                }
                return -1;
            }
            if (++digits > MAX_CHUNK_DIGITS) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return digits == 0 ? -1 : v;
    }
}
