package io.netinsights.capture.dissect.http;

import io.netinsights.capture.dissect.JsonUtf8Text;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Turns a (size-capped) HTTP body into the text of an item: gzip and deflate are decoded (output
 * capped too, which also defuses decompression bombs), textual content becomes a string in its
 * charset, anything else base64 with {@code encoding: "base64"}.
 */
public final class ContentDecoder {

    private static final int SNIFF_BYTES = 1024;

    /**
     * The decoded body: its text, {@code ""} or {@code "base64"}, and the decoded size. It reads
     * the byte array it was made from, so use it before the body buffer takes the next message.
     */
    public static final class Decoded {
        public final String encoding;
        public final long size;
        private final byte[] bytes;
        private final int length;
        private final Charset charset;
        private String text;

        Decoded(byte[] bytes, int length, Charset charset, String encoding, long size) {
            this.bytes = bytes;
            this.length = length;
            this.charset = charset;
            this.encoding = encoding;
            this.size = size;
        }

        /** The body as text (base64 when it is not textual). */
        public String text() {
            if (text == null) {
                text = new String(bytes, 0, length, charset);
            }
            return text;
        }

        /**
         * Writes {@link #text()} as a JSON string value to a byte-based generator; UTF-8 bodies go
         * as bytes, without a {@code String} in between.
         */
        public void writeText(JsonGenerator g) throws IOException {
            if (text == null && StandardCharsets.UTF_8.equals(charset)) {
                JsonUtf8Text.write(g, bytes, 0, length);
            } else {
                g.writeString(text());
            }
        }
    }

    private ContentDecoder() {}

    /**
     * @param raw the kept body bytes {@code raw[0 .. len)}
     * @param total the full body size on the wire (after de-chunking)
     * @return the content; {@code size} is the decoded size when decoding happened (counting at
     *     most {@code maxBytes}), else {@code total}
     */
    public static Decoded decode(
            byte[] raw, int len, long total, String contentEncoding, String mime, int maxBytes) {
        byte[] bytes = raw;
        int n = len;
        long size = total;
        String ce = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (len > 0 && !ce.isEmpty() && !ce.equals("identity")) {
            byte[] decoded = inflate(ce, raw, len, maxBytes);
            if (decoded != null) {
                bytes = decoded;
                n = decoded.length;
                size = decoded.length;
            }
        }
        if (n == 0) {
            return new Decoded(bytes, 0, StandardCharsets.UTF_8, "", size);
        }
        if (isText(mime, bytes, n)) {
            return new Decoded(bytes, n, charset(mime), "", size);
        }
        ByteBuffer b64 = Base64.getEncoder().encode(ByteBuffer.wrap(bytes, 0, n));
        // The base64 alphabet is ASCII, so UTF-8 reads it as it is.
        return new Decoded(b64.array(), b64.limit(), StandardCharsets.UTF_8, "base64", size);
    }

    /** Decoded bytes, or null when the coding is unsupported or the data is not in it. */
    private static byte[] inflate(String coding, byte[] raw, int len, int maxBytes) {
        switch (coding) {
            case "gzip":
            case "x-gzip":
                return readCapped(open(coding, raw, len, false), maxBytes);
            case "deflate":
                byte[] zlib = readCapped(open(coding, raw, len, false), maxBytes);
                // Some servers send raw deflate without the zlib wrapper.
                return zlib != null ? zlib : readCapped(open(coding, raw, len, true), maxBytes);
            default:
                return null;
        }
    }

    private static InputStream open(String coding, byte[] raw, int len, boolean nowrap) {
        ByteArrayInputStream in = new ByteArrayInputStream(raw, 0, len);
        try {
            if (coding.endsWith("gzip")) {
                return new GZIPInputStream(in);
            }
            return new InflaterInputStream(in, new Inflater(nowrap));
        } catch (IOException e) {
            return null; // not a gzip header: the body stays as it came
        }
    }

    /** Reads at most {@code maxBytes}; a truncated stream yields what was decoded before. */
    private static byte[] readCapped(InputStream in, int maxBytes) {
        if (in == null) {
            return null;
        }
        byte[] out = new byte[Math.min(maxBytes, 8192)];
        int n = 0;
        try (in) {
            while (n < maxBytes) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, Math.min(maxBytes, out.length * 2));
                }
                int r = in.read(out, n, out.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            // Truncated or corrupt data (the body was cut at the capture's size cap): keep the
            // part decoded before the damage.
            if (n == 0) {
                return null;
            }
        }
        return Arrays.copyOf(out, n);
    }

    static boolean isText(String mime, byte[] b, int n) {
        if (mime.regionMatches(true, 0, "text/", 0, 5)) {
            return true; // the common case, without lowercasing the type
        }
        String m = mime.toLowerCase(Locale.ROOT);
        if (m.startsWith("text/")
                || m.contains("json")
                || m.contains("xml")
                || m.contains("javascript")
                || m.contains("x-www-form-urlencoded")
                || m.contains("yaml")
                || m.contains("graphql")
                || m.contains("csv")) {
            return true;
        }
        return looksLikeText(b, Math.min(n, SNIFF_BYTES));
    }

    /** No control characters but tab/CR/LF/FF/ESC, and valid UTF-8 (a cut-off tail is fine). */
    static boolean looksLikeText(byte[] b, int n) {
        int i = 0;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x0c && c != 0x1b)
                        || c == 0x7f) {
                    return false;
                }
                i++;
                continue;
            }
            int extra = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : -1;
            if (extra < 0 || c >= 0xf5) {
                return false;
            }
            for (int k = 1; k <= extra; k++) {
                if (i + k >= n) {
                    return true; // cut in the middle of a character by the sniff window or cap
                }
                if ((b[i + k] & 0xc0) != 0x80) {
                    return false;
                }
            }
            i += extra + 1;
        }
        return true;
    }

    private static Charset charset(String mime) {
        if (mime.indexOf('=') < 0) {
            return StandardCharsets.UTF_8; // no parameters, no charset
        }
        int i = mime.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (i < 0) {
            return StandardCharsets.UTF_8;
        }
        String name = mime.substring(i + 8);
        int semi = name.indexOf(';');
        name = (semi < 0 ? name : name.substring(0, semi)).trim().replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8; // unknown charset: UTF-8 is the best guess
        }
    }
}
