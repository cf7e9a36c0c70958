package io.netinsights.capture.dissect.kafka;

import io.netinsights.capture.decode.Bytes;

import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reads of Kafka's primitive types from one frame, in both the classic encoding
 * (int16/int32 lengths) and the flexible one (unsigned varints, lengths plus one). Reading past the
 * kept bytes, or a length that cannot be right, throws {@link Stop}, which the body decoders catch
 * to keep what they decoded so far.
 */
final class KafkaReader {

    /** Thrown when the frame ends early or is malformed; it carries no stack trace. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop(String why) {
            super(why, null, false, false);
        }
    }

    private static final int MAX_STRING = 32 * 1024;

    private final byte[] b;
    private final int end;
    private int pos;

    KafkaReader(byte[] b, int off, int end) {
        this.b = b;
        this.pos = off;
        this.end = end;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw new Stop("frame ends inside a field");
        }
    }

    int int8() {
        need(1);
        return b[pos++];
    }

    boolean bool() {
        return int8() != 0;
    }

    int int16() {
        need(2);
        int v = (short) Bytes.u16(b, pos);
        pos += 2;
        return v;
    }

    int int32() {
        need(4);
        int v = Bytes.u32(b, pos);
        pos += 4;
        return v;
    }

    long int64() {
        need(8);
        long v = Bytes.u64(b, pos);
        pos += 8;
        return v;
    }

    /** An unsigned LEB128 varint of at most 5 bytes. */
    int uvarint() {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            need(1);
            int x = b[pos++] & 0xff;
            v |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new Stop("varint too long");
    }

    /** A UUID in its canonical text form. */
    String uuid() {
        long hi = int64();
        long lo = int64();
        return new java.util.UUID(hi, lo).toString();
    }

    /** A string, nullable or not: int16 length, or in {@code compact} form uvarint length + 1. */
    String string(boolean compact) {
        int n = compact ? uvarint() - 1 : int16();
        if (n == -1) {
            return null;
        }
        need(n);
        String s = new String(b, pos, Math.min(n, MAX_STRING), StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** The element count of an array (-1 for null): int32, or in compact form uvarint - 1. */
    int arrayLength(boolean compact) {
        int n = compact ? uvarint() - 1 : int32();
        if (n < -1) {
            throw new Stop("negative array length");
        }
        return n;
    }

    /**
     * Skips a bytes field and returns its length (-1 for null); the bytes start at {@code
     * position() - length}.
     */
    int bytes(boolean compact) {
        int n = compact ? uvarint() - 1 : int32();
        if (n < -1) {
            throw new Stop("negative bytes length");
        }
        if (n > 0) {
            need(n);
            pos += n;
        }
        return n;
    }

    /** Skips a tagged-field section when {@code flexible}. */
    void taggedFields(boolean flexible) {
        if (!flexible) {
            return;
        }
        int count = uvarint();
        for (int i = 0; i < count; i++) {
            uvarint(); // tag
            int size = uvarint();
            need(size);
            pos += size;
        }
    }

    /** The raw array, for record batches. */
    byte[] array() {
        return b;
    }
}
