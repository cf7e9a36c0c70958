package io.netinsights.capture.testutils;

import com.twitter.hpack.Encoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Builds HTTP/2 byte streams for tests: frames (RFC 9113 section 4.1) and HPACK header blocks from
 * an independent encoder (Twitter's {@code com.twitter:hpack}, test scope), one per direction so
 * that its dynamic table evolves as a real peer's would. Calls append to one direction's bytes.
 */
public final class TestingHttp2 {

    public static final int DATA = 0;
    public static final int HEADERS = 1;
    public static final int PRIORITY = 2;
    public static final int RST_STREAM = 3;
    public static final int SETTINGS = 4;
    public static final int PUSH_PROMISE = 5;
    public static final int PING = 6;
    public static final int GOAWAY = 7;
    public static final int WINDOW_UPDATE = 8;
    public static final int CONTINUATION = 9;

    public static final int END_STREAM = 0x1;
    public static final int END_HEADERS = 0x4;
    public static final int PADDED = 0x8;
    public static final int PRIORITY_FLAG = 0x20;

    public static final byte[] PREFACE =
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Encoder encoder;

    /** A direction whose HPACK encoder uses a 4096-byte table, the default. */
    public TestingHttp2() {
        this(4096);
    }

    public TestingHttp2(int tableSize) {
        this.encoder = new Encoder(tableSize);
    }

    public TestingHttp2 preface() {
        out.writeBytes(PREFACE);
        return this;
    }

    public TestingHttp2 raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** One frame with a 9-byte header. */
    public TestingHttp2 frame(int type, int flags, int streamId, byte[] payload) {
        int n = payload.length;
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.write(type);
        out.write(flags);
        out.writeBytes(int32(streamId));
        out.writeBytes(payload);
        return this;
    }

    /** SETTINGS with (id, value) pairs. */
    public TestingHttp2 settings(long... idValuePairs) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        for (int i = 0; i + 1 < idValuePairs.length; i += 2) {
            p.write((int) (idValuePairs[i] >>> 8));
            p.write((int) idValuePairs[i]);
            p.writeBytes(int32((int) idValuePairs[i + 1]));
        }
        return frame(SETTINGS, 0, 0, p.toByteArray());
    }

    /** A complete HEADERS frame (END_HEADERS) with a header block of {@code nameValues}. */
    public TestingHttp2 headers(int streamId, boolean endStream, String... nameValues) {
        return frame(
                HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), streamId, block(nameValues));
    }

    public TestingHttp2 data(int streamId, boolean endStream, byte[] body) {
        return frame(DATA, endStream ? END_STREAM : 0, streamId, body);
    }

    public TestingHttp2 rst(int streamId, int errorCode) {
        return frame(RST_STREAM, 0, streamId, int32(errorCode));
    }

    public TestingHttp2 goAway(int lastStreamId, int errorCode) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(int32(lastStreamId));
        p.writeBytes(int32(errorCode));
        return frame(GOAWAY, 0, 0, p.toByteArray());
    }

    /** Encodes a header block with this direction's encoder (its table changes). */
    public byte[] block(String... nameValues) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            for (int i = 0; i + 1 < nameValues.length; i += 2) {
                encoder.encodeHeader(b, ascii(nameValues[i]), ascii(nameValues[i + 1]), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** A dynamic table size update, to be put at the start of the next block. */
    public byte[] tableSizeUpdate(int size) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            encoder.setMaxHeaderTableSize(b, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** The bytes so far, which are then forgotten (the encoder's table is kept). */
    public byte[] drain() {
        byte[] b = out.toByteArray();
        out.reset();
        return b;
    }

    /** A gRPC length-prefixed message. */
    public static byte[] grpcMessage(byte[] message) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0);
        b.writeBytes(int32(message.length));
        b.writeBytes(message);
        return b.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    public static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
