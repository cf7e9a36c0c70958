package io.netinsights.capture.dissect.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One parsed RESP2/RESP3 value: its type byte, the kept start of its text (strings, numbers,
 * errors), its kept children (aggregates) and the counts of what was declared, so that a value cut
 * to the body cap still knows its real size. Inline commands are type {@link #INLINE} with one
 * bulk-string child per word.
 */
final class RespValue {

    /** The pseudo type byte of an inline command ({@code PING\r\n}). */
    static final byte INLINE = 'I';

    final byte type;

    /** Declared children of an aggregate (pairs count twice for maps and attributes). */
    long declaredChildren;

    /** Declared bytes of a bulk string, or the length of a line's text. */
    long declaredLength;

    /** A RESP2 null bulk string or array ({@code $-1}, {@code *-1}) or a RESP3 null. */
    boolean isNull;

    /** Some text or children were not kept (the body cap). */
    boolean truncated;

    /** RESP3 attributes that preceded this value, or null. */
    RespValue attributes;

    private byte[] data;
    private int dataLen;
    private List<RespValue> children;

    /** Children still to come while the aggregate is being parsed. */
    long remaining;

    RespValue(byte type) {
        this.type = type;
    }

    boolean isAggregate() {
        return type == '*'
                || type == '~'
                || type == '>'
                || type == '%'
                || type == '|'
                || type == INLINE;
    }

    /** Whether this is a RESP3 map or attribute (children are key, value, key, value, ...). */
    boolean isMap() {
        return type == '%' || type == '|';
    }

    /** Appends text bytes, keeping at most {@code keep} more of them. */
    void appendText(byte[] b, int off, int len, int keep) {
        int n = Math.min(len, keep);
        if (n < len) {
            truncated = true;
        }
        if (n <= 0) {
            return;
        }
        if (data == null) {
            data = new byte[Math.max(16, n)];
        } else if (dataLen + n > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLen + n));
        }
        System.arraycopy(b, off, data, dataLen, n);
        dataLen += n;
    }

    /** Bytes of text kept. */
    int textLength() {
        return dataLen;
    }

    String text() {
        return data == null ? "" : new String(data, 0, dataLen, StandardCharsets.UTF_8);
    }

    void addChild(RespValue child) {
        if (children == null) {
            children = new ArrayList<>(4);
        }
        children.add(child);
    }

    List<RespValue> children() {
        return children == null ? List.of() : children;
    }

    /** The kept child {@code i}, or null. */
    RespValue child(int i) {
        return children == null || i >= children.size() ? null : children.get(i);
    }

    /** The text of child {@code i} when it is a leaf, else null. */
    String childText(int i) {
        RespValue c = child(i);
        return c == null || c.isAggregate() ? null : c.text();
    }
}
