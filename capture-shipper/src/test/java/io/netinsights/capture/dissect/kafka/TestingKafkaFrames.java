package io.netinsights.capture.dissect.kafka;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes Kafka frames field by field, in the classic and the compact encoding, for tests. */
public final class TestingKafkaFrames {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A request frame started with its header (v1, or v2 with tagged fields when flexible). */
    public static TestingKafkaFrames request(
            int apiKey, int version, int correlationId, String clientId, boolean flexible) {
        TestingKafkaFrames f =
                new TestingKafkaFrames().int16(apiKey).int16(version).int32(correlationId);
        f.string(clientId);
        return flexible ? f.tags() : f;
    }

    /** A response frame started with its header (v0, or v1 with tagged fields). */
    public static TestingKafkaFrames response(int correlationId, boolean headerTags) {
        TestingKafkaFrames f = new TestingKafkaFrames().int32(correlationId);
        return headerTags ? f.tags() : f;
    }

    public TestingKafkaFrames int8(int v) {
        out.write(v);
        return this;
    }

    public TestingKafkaFrames int16(int v) {
        out.write(v >> 8);
        out.write(v);
        return this;
    }

    public TestingKafkaFrames int32(int v) {
        return int16(v >> 16).int16(v);
    }

    public TestingKafkaFrames int64(long v) {
        return int32((int) (v >> 32)).int32((int) v);
    }

    public TestingKafkaFrames uvarint(int v) {
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
        return this;
    }

    /** A classic nullable string (int16 length, -1 for null). */
    public TestingKafkaFrames string(String s) {
        if (s == null) {
            return int16(-1);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int16(b.length);
        out.writeBytes(b);
        return this;
    }

    /** A compact nullable string (length + 1 as uvarint, 0 for null). */
    public TestingKafkaFrames compact(String s) {
        if (s == null) {
            return uvarint(0);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        uvarint(b.length + 1);
        out.writeBytes(b);
        return this;
    }

    /** A string in the encoding of the version. */
    public TestingKafkaFrames string(String s, boolean flexible) {
        return flexible ? compact(s) : string(s);
    }

    /** An array length in the encoding of the version (-1 for null). */
    public TestingKafkaFrames array(int n, boolean flexible) {
        return flexible ? uvarint(n + 1) : int32(n);
    }

    /** A bytes field in the encoding of the version. */
    public TestingKafkaFrames bytes(byte[] b, boolean flexible) {
        array(b.length, flexible);
        out.writeBytes(b);
        return this;
    }

    /** An empty tagged-field section. */
    public TestingKafkaFrames tags() {
        return uvarint(0);
    }

    /** A tagged-field section with one field of {@code size} bytes. */
    public TestingKafkaFrames tag(int tag, int size) {
        uvarint(1).uvarint(tag).uvarint(size);
        out.writeBytes(new byte[size]);
        return this;
    }

    public TestingKafkaFrames uuid(long hi, long lo) {
        return int64(hi).int64(lo);
    }

    public TestingKafkaFrames raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** The frame: its size, then what was written. */
    public byte[] frame() {
        byte[] body = out.toByteArray();
        byte[] f = new byte[4 + body.length];
        f[0] = (byte) (body.length >>> 24);
        f[1] = (byte) (body.length >>> 16);
        f[2] = (byte) (body.length >>> 8);
        f[3] = (byte) body.length;
        System.arraycopy(body, 0, f, 4, body.length);
        return f;
    }

    /** A v2 record batch holding {@code records} records (only the header is meaningful). */
    public static byte[] recordBatch(int records, int size) {
        TestingKafkaFrames b = new TestingKafkaFrames();
        b.int64(0).int32(size - 12).int32(-1).int8(2).int32(0).int16(0).int32(records - 1);
        b.int64(0).int64(0).int64(-1).int16(-1).int32(-1).int32(records);
        byte[] head = b.out.toByteArray();
        byte[] batch = new byte[size];
        System.arraycopy(head, 0, batch, 0, head.length);
        return batch;
    }
}
