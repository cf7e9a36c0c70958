package io.netinsights.capture.dissect.http;

import io.netinsights.capture.dissect.ByteScan;
import io.netinsights.capture.dissect.CappedBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The start line and header fields of one HTTP/1.x message, parsed from bytes without regular
 * expressions. Header names are kept in Go's canonical form ({@link HeaderText#canonicalName});
 * lookups ignore case.
 */
final class HttpHead {

    final boolean request;
    final String method;
    final String target;
    final String version;
    final int status;
    final String reason;
    final List<String> names = new ArrayList<>();
    final List<String> values = new ArrayList<>();

    /** What a check of a start line returns when it is one. */
    private static final HttpHead VALID = new HttpHead(true, "", "", "", 0, "");

    private HttpHead(
            boolean request,
            String method,
            String target,
            String version,
            int status,
            String reason) {
        this.request = request;
        this.method = method;
        this.target = target;
        this.version = version;
        this.status = status;
        this.reason = reason;
    }

    /** The first value of a header (case-insensitive name), or null. */
    String header(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** Every value of a header, in order. */
    List<String> headers(String name) {
        List<String> out = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    boolean isInterim() {
        return !request && status >= 100 && status < 200 && status != 101;
    }

    /**
     * Parses a complete head (start line to the empty line, ISO-8859-1).
     *
     * @return the head, or null when the start line is not HTTP/1.x
     */
    static HttpHead parse(byte[] b, int len) {
        int lineEnd = indexOf(b, 0, len, (byte) '\n');
        if (lineEnd < 0) {
            lineEnd = len;
        }
        HttpHead head = parseStartLine(b, 0, trimCr(b, 0, lineEnd), true);
        if (head == null) {
            return null;
        }
        int pos = lineEnd + 1;
        while (pos < len) {
            // the name's colon and the line end in one pass over the line
            int hit = ByteScan.indexOfEither(b, pos, len, (byte) ':', (byte) '\n');
            int colon = hit >= 0 && b[hit] == ':' ? hit : -1;
            int end = colon >= 0 ? indexOf(b, colon + 1, len, (byte) '\n') : hit;
            if (end < 0) {
                end = len;
            }
            int stop = trimCr(b, pos, end);
            if (stop > pos) {
                head.addField(b, pos, stop, colon);
            }
            pos = end + 1;
        }
        return head;
    }

    /** Whether buffered head bytes begin like a status line ({@code HTTP/}). */
    static boolean startsResponse(CappedBuffer head) {
        return startsWith(head.array(), 0, head.size(), "HTTP/");
    }

    /** Whether {@code b[0 .. len)} (one line, CR/LF allowed at the end) is a start line. */
    static boolean isStartLine(byte[] b, int len) {
        int end = len;
        while (end > 0 && (b[end - 1] == '\n' || b[end - 1] == '\r')) {
            end--;
        }
        return parseStartLine(b, 0, end, false) != null;
    }

    /** A field line {@code b[from .. to)}; {@code colon} is its first colon, or -1. */
    private void addField(byte[] b, int from, int to, int colon) {
        if ((b[from] == ' ' || b[from] == '\t') && !values.isEmpty()) {
            int last = values.size() - 1; // obsolete line folding: continue the previous value
            values.set(last, values.get(last) + " " + trimmed(b, from, to));
            return;
        }
        if (colon <= from) {
            return; // not a field; tolerated like most parsers do
        }
        names.add(name(b, from, colon));
        values.add(trimmed(b, colon + 1, to));
    }

    /**
     * The head of a start line, or null when it is not one; with {@code build} false, only checks
     * (and returns {@link #VALID}): the parser asks at each line end before the head is complete.
     */
    private static HttpHead parseStartLine(byte[] b, int from, int to, boolean build) {
        if (startsWith(b, from, to, "HTTP/")) {
            return parseStatusLine(b, from, to, build);
        }
        int sp1 = indexOf(b, from, to, (byte) ' ');
        if (sp1 <= from || sp1 - from > 32 || !isToken(b, from, sp1)) {
            return null;
        }
        int sp2 = lastIndexOf(b, sp1 + 1, to, (byte) ' ');
        if (sp2 <= sp1 + 1 || !isVersion(b, sp2 + 1, to)) {
            return null;
        }
        if (!build) {
            return VALID;
        }
        return new HttpHead(
                true,
                common(b, from, sp1, METHODS),
                text(b, sp1 + 1, sp2),
                common(b, sp2 + 1, to, VERSIONS),
                0,
                "");
    }

    private static HttpHead parseStatusLine(byte[] b, int from, int to, boolean build) {
        int sp = indexOf(b, from, to, (byte) ' ');
        if (sp < 0 || !isVersion(b, from, sp) || sp + 4 > to) {
            return null;
        }
        int status = 0;
        for (int i = sp + 1; i < sp + 4; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return null;
            }
            status = status * 10 + (b[i] - '0');
        }
        if (sp + 4 < to && b[sp + 4] != ' ') {
            return null;
        }
        if (!build) {
            return VALID;
        }
        String reason = sp + 5 <= to ? common(b, sp + 5, to, REASONS) : "";
        return new HttpHead(false, "", "", common(b, from, sp, VERSIONS), status, reason);
    }

    /** {@code HTTP/d.d}. */
    private static boolean isVersion(byte[] b, int from, int to) {
        return to - from == 8
                && startsWith(b, from, to, "HTTP/")
                && isDigit(b[from + 5])
                && b[from + 6] == '.'
                && isDigit(b[from + 7]);
    }

    private static boolean isToken(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            boolean ok =
                    (c >= 'A' && c <= 'Z')
                            || (c >= 'a' && c <= 'z')
                            || isDigit(c)
                            || c == '-'
                            || c == '_'
                            || c == '.'
                            || c == '!'
                            || c == '~';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean startsWith(byte[] b, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int trimCr(byte[] b, int from, int end) {
        return end > from && b[end - 1] == '\r' ? end - 1 : end;
    }

    static int indexOf(byte[] b, int from, int to, byte c) {
        return ByteScan.indexOf(b, from, to, c);
    }

    private static int lastIndexOf(byte[] b, int from, int to, byte c) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The canonical form of a field name: from the table when known, else computed. */
    private static String name(byte[] b, int from, int to) {
        while (from < to && (b[from] & 0xff) <= ' ') {
            from++;
        }
        while (to > from && (b[to - 1] & 0xff) <= ' ') {
            to--;
        }
        String known = KnownHeaderNames.find(b, from, to);
        return known != null ? known : HeaderText.canonicalName(text(b, from, to));
    }

    /** {@code text(b, from, to).trim()} without the untrimmed string in between. */
    private static String trimmed(byte[] b, int from, int to) {
        while (from < to && (b[from] & 0xff) <= ' ') {
            from++;
        }
        while (to > from && (b[to - 1] & 0xff) <= ' ') {
            to--;
        }
        return text(b, from, to);
    }

    private static final String[] METHODS = {
        "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "CONNECT", "TRACE", "PRI"
    };
    private static final String[] VERSIONS = {"HTTP/1.1", "HTTP/1.0", "HTTP/2.0"};
    private static final String[] REASONS = {
        "OK",
        "Created",
        "Accepted",
        "No Content",
        "Moved Permanently",
        "Found",
        "Not Modified",
        "Bad Request",
        "Unauthorized",
        "Forbidden",
        "Not Found",
        "Internal Server Error",
        "Bad Gateway",
        "Service Unavailable",
        "Gateway Timeout",
        "Continue",
        "Switching Protocols"
    };

    /** {@link #text}, but one of {@code known} when the bytes spell it: no string per message. */
    private static String common(byte[] b, int from, int to, String[] known) {
        for (String k : known) {
            if (k.length() == to - from && startsWith(b, from, to, k)) {
                return k;
            }
        }
        return text(b, from, to);
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
