package io.netinsights.capture.dissect.postgres;

import io.netinsights.capture.decode.Bytes;

import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one PostgreSQL message body (big-endian integers and NUL-terminated strings)
 * without ever reading past the kept bytes: a read beyond them returns a neutral value and marks
 * the reader {@link #isShort() short}.
 */
final class PgReader {

    private final byte[] b;
    private final int end;
    private int pos;
    private boolean isShort;

    PgReader(byte[] b, int off, int end) {
        this.b = b;
        this.pos = off;
        this.end = end;
    }

    boolean isShort() {
        return isShort;
    }

    boolean hasMore() {
        return pos < end;
    }

    int remaining() {
        return end - pos;
    }

    int int8() {
        if (end - pos < 1) {
            isShort = true;
            pos = end;
            return 0;
        }
        return b[pos++] & 0xff;
    }

    int int16() {
        if (end - pos < 2) {
            isShort = true;
            pos = end;
            return 0;
        }
        int v = (short) Bytes.u16(b, pos);
        pos += 2;
        return v;
    }

    int int32() {
        if (end - pos < 4) {
            isShort = true;
            pos = end;
            return 0;
        }
        int v = Bytes.u32(b, pos);
        pos += 4;
        return v;
    }

    /** A NUL-terminated string; without its NUL, the rest of the kept bytes. */
    String cstring() {
        int start = pos;
        while (pos < end && b[pos] != 0) {
            pos++;
        }
        String s = new String(b, start, pos - start, StandardCharsets.UTF_8);
        if (pos < end) {
            pos++;
        } else {
            isShort = true;
        }
        return s;
    }

    /** Skips {@code n} bytes. */
    void skip(int n) {
        int len = Math.max(0, Math.min(n, end - pos));
        if (len < n) {
            isShort = true;
        }
        pos += len;
    }

    /** {@code n} bytes as text (UTF-8), or as {@code \x} and hex digits when {@code binary}. */
    String text(int n, boolean binary) {
        int len = Math.max(0, Math.min(n, end - pos));
        if (len < n) {
            isShort = true;
        }
        String s;
        if (binary) {
            StringBuilder sb = new StringBuilder(2 + 2 * len).append("\\x");
            for (int i = 0; i < len; i++) {
                sb.append(Character.forDigit((b[pos + i] >> 4) & 0xf, 16))
                        .append(Character.forDigit(b[pos + i] & 0xf, 16));
            }
            s = sb.toString();
        } else {
            s = new String(b, pos, len, StandardCharsets.UTF_8);
        }
        pos += len;
        return s;
    }
}
