package io.netinsights.capture.dissect.http;

import io.netinsights.schemas.json.ItemJson;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One JSON generator per thread, writing UTF-8 into one growing array, for the JSON of HTTP items.
 * Each message is one root-level value: {@link #take()} flushes it and returns it as a {@code
 * String} (one decoding pass, a plain copy when it is ASCII), and the generator goes on with the
 * next message. Creating and closing a generator per message, and allocating its buffers, cost more
 * than writing a small request did.
 */
final class JsonBytesSink extends OutputStream {

    private static final int INITIAL = 8192;
    private static final int MAX_KEPT = 1 << 20;
    private static final ThreadLocal<JsonBytesSink> OF_THREAD =
            ThreadLocal.withInitial(JsonBytesSink::new);

    private byte[] buf = new byte[INITIAL];
    private int n;
    private JsonGenerator generator;

    private JsonBytesSink() {}

    /** Writes the fields of one JSON object. */
    interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * One JSON object as text, written by {@code fields} between its braces on this thread's
     * generator; a failure ({@code what} names the object) leaves the generator discarded.
     */
    static String object(String what, Fields fields) {
        try {
            JsonGenerator g = generator();
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
            return take();
        } catch (IOException | RuntimeException e) {
            discard();
            throw new IllegalStateException("cannot write " + what + " as JSON", e);
        }
    }

    /** This thread's generator, ready for a new root-level value. */
    private static JsonGenerator generator() {
        JsonBytesSink s = OF_THREAD.get();
        if (s.generator == null) {
            try {
                s.generator = ItemJson.MAPPER.getFactory().createGenerator(s, JsonEncoding.UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // not thrown for an in-memory stream
            }
            s.generator.setRootValueSeparator(
                    null); // values follow each other with nothing between
        }
        s.n = 0;
        return s.generator;
    }

    /** The value written since {@link #generator()}, as text. */
    private static String take() throws IOException {
        JsonBytesSink s = OF_THREAD.get();
        s.generator.flush();
        String text = new String(s.buf, 0, s.n, StandardCharsets.UTF_8);
        s.n = 0;
        if (s.buf.length > MAX_KEPT) {
            s.buf = new byte[INITIAL]; // do not keep a huge body's array for good
        }
        return text;
    }

    /** Drops this thread's generator after a failure left a value half written. */
    private static void discard() {
        JsonBytesSink s = OF_THREAD.get();
        s.generator = null;
        s.n = 0;
    }

    @Override
    public void write(int b) {
        if (n == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (n + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n + len, buf.length * 2));
        }
        System.arraycopy(b, off, buf, n, len);
        n += len;
    }
}
