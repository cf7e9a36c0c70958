package io.netinsights.capture.dissect.http;

import java.nio.charset.StandardCharsets;

/**
 * Finds, after a TCP gap, where the next HTTP/1.x message may start: the first byte of {@code
 * HTTP/1.0 }, {@code HTTP/1.1 } or a common method and a space, anywhere in a line (the gap may end
 * inside a body that runs straight into the next start line). A prefix cut between two pieces of
 * data is carried over. The parser then checks the whole line ({@link HttpHead#isStartLine}) and
 * scans on if it is not one.
 */
final class StartLineScanner {

    private static final byte[][] PREFIXES =
            ascii(
                    "HTTP/1.1 ",
                    "HTTP/1.0 ",
                    "GET ",
                    "POST ",
                    "PUT ",
                    "DELETE ",
                    "HEAD ",
                    "OPTIONS ",
                    "PATCH ",
                    "CONNECT ",
                    "TRACE ");

    private static final int MAX_PREFIX = 9;

    private final byte[] carry = new byte[MAX_PREFIX];
    private int carried;

    /** Forgets a prefix carried over. */
    void reset() {
        carried = 0;
    }

    /**
     * Looks for a prefix in the carried bytes followed by {@code b[off .. off+len)}.
     *
     * @return the offset in {@code b} where the message starts, or {@code off - k} when it starts
     *     {@code k} carried bytes before {@code b} (see {@link #carried(int)}), or -1 when all of
     *     {@code b} was skipped (its last bytes may be carried)
     */
    int find(byte[] b, int off, int len) {
        int end = off + len;
        for (int k = carried; k > 0; k--) {
            int m = matchSplit(carry, carried - k, k, b, off, end);
            if (m > 0) {
                System.arraycopy(carry, carried - k, carry, 0, k);
                carried = k;
                return off - k;
            }
            if (m == 0 && k + len <= MAX_PREFIX) {
                // still undecided: carry the candidate and all of b
                System.arraycopy(carry, carried - k, carry, 0, k);
                System.arraycopy(b, off, carry, k, len);
                carried = k + len;
                return -1;
            }
        }
        carried = 0;
        for (int i = off; i < end; i++) {
            int m = matchSplit(b, i, end - i, b, end, end);
            if (m > 0) {
                return i;
            }
            if (m == 0) {
                carried = end - i;
                System.arraycopy(b, i, carry, 0, carried);
                return -1;
            }
        }
        return -1;
    }

    /** The {@code k} carried bytes where a match began; valid after {@link #find} said so. */
    byte[] carried(int k) {
        byte[] out = new byte[k];
        System.arraycopy(carry, 0, out, 0, k);
        carried = 0;
        return out;
    }

    /**
     * Matches a prefix against {@code a[ao .. ao+an)} followed by {@code b[bo .. bEnd)}: 1 if one
     * matches in full, 0 if the bytes run out while one still matches, -1 if none can.
     */
    private static int matchSplit(byte[] a, int ao, int an, byte[] b, int bo, int bEnd) {
        int best = -1;
        for (byte[] p : PREFIXES) {
            int i = 0;
            while (i < p.length) {
                int c;
                if (i < an) {
                    c = a[ao + i];
                } else if (bo + i - an < bEnd) {
                    c = b[bo + i - an];
                } else {
                    break;
                }
                if (c != p[i]) {
                    break;
                }
                i++;
            }
            if (i == p.length) {
                return 1;
            }
            if (i > 0 && i == an + (bEnd - bo)) {
                best = 0; // ran out of bytes while matching
            }
        }
        return best;
    }

    private static byte[][] ascii(String... s) {
        byte[][] out = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
