package io.netinsights.capture.dissect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.CharTypes;

import java.io.IOException;

/**
 * Writes UTF-8 bytes (a message body) as a JSON string value through a byte-based Jackson
 * generator, escaped exactly as Jackson escapes a {@code String}: {@code "}, {@code \} and control
 * characters; everything else, non-ASCII included, is copied as it is.
 *
 * <p>Bodies are most of the bytes an HTTP item carries, and a byte-at-a-time escape loop was the
 * largest cost of the capture path. This looks at eight bytes per step ({@link ByteScan}) for the
 * bytes that need escaping: text without any is copied in bulk, and after the first one clean words
 * are copied whole and the others byte by byte. The generator then takes the escaped text with
 * {@link JsonGenerator#writeRawUTF8String}. Invalid UTF-8 is copied too; whoever decodes the JSON
 * bytes replaces it, as decoding the body to a {@code String} first would have.
 */
public final class JsonUtf8Text {

    /**
     * Jackson's own table: 0 = copy, a character = {@code \c}, -1 = backslash, u, 00 and two hex
     * digits.
     */
    private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes();

    private static final byte[] HEX = "0123456789ABCDEF".getBytes();
    private static final int MAX_KEPT = 1 << 20;
    private static final ThreadLocal<byte[][]> SCRATCH =
            ThreadLocal.withInitial(() -> new byte[][] {new byte[8192]});

    private JsonUtf8Text() {}

    /**
     * Writes {@code b[off .. off+len)} as a string value. The generator must write bytes (one made
     * for an {@code OutputStream}).
     */
    public static void write(JsonGenerator g, byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int special = ByteScan.indexOfJsonSpecial(b, off, end);
        if (special == end) {
            g.writeRawUTF8String(b, off, len); // nothing to escape: one copy
            return;
        }
        byte[][] holder = SCRATCH.get();
        byte[] out = holder[0];
        if (out.length < len + 64) {
            out = grow(out, 0, len + 64, len);
        }
        System.arraycopy(b, off, out, 0, special - off);
        int n = special - off;
        int i = special;
        // Eight bytes per step: clean words are copied whole, the others byte by byte. Text
        // with many escapes (JSON bodies quote every few bytes) stays as fast as a plain loop.
        while (i < end) {
            if (n + 48 > out.length) { // eight escapes of six bytes
                out = grow(out, n, n + 48, len);
            }
            if (i + 8 <= end) {
                long w = (long) ByteScan.LONGS.get(b, i);
                if (ByteScan.jsonSpecial(w) == 0) {
                    ByteScan.LONGS.set(out, n, w);
                    n += 8;
                    i += 8;
                    continue;
                }
            }
            int stop = Math.min(i + 8, end);
            for (; i < stop; i++) {
                byte c = b[i];
                if (c >= 0 && ESCAPES[c] != 0) {
                    n = escape(c, out, n);
                } else {
                    out[n++] = c;
                }
            }
        }
        g.writeRawUTF8String(out, 0, n);
        holder[0] = out.length > MAX_KEPT ? new byte[8192] : out;
    }

    private static int escape(byte c, byte[] out, int n) {
        int e = ESCAPES[c];
        out[n++] = '\\';
        if (e > 0) {
            out[n++] = (byte) e;
        } else {
            out[n++] = 'u';
            out[n++] = '0';
            out[n++] = '0';
            out[n++] = HEX[c >> 4];
            out[n++] = HEX[c & 0xf];
        }
        return n;
    }

    private static byte[] grow(byte[] out, int used, int need, int len) {
        byte[] bigger = new byte[Math.max(need, Math.max(out.length * 2, len + len / 8 + 16))];
        System.arraycopy(out, 0, bigger, 0, used);
        return bigger;
    }
}
