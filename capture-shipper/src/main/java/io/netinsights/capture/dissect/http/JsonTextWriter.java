package io.netinsights.capture.dissect.http;

import java.io.Writer;
import java.util.Arrays;

/**
 * An unsynchronised writer into one growing array, reused by each thread, for the JSON of HTTP
 * items: the generator flushes its buffer here in a single copy (a {@link java.io.StringWriter}
 * would append it to a StringBuffer char by char), and no array is allocated and zeroed per
 * message.
 */
final class JsonTextWriter extends Writer {

    private static final int INITIAL = 8192;
    private static final int MAX_KEPT = 1 << 20;
    private static final ThreadLocal<JsonTextWriter> OF_THREAD =
            ThreadLocal.withInitial(JsonTextWriter::new);

    private char[] buf = new char[INITIAL];
    private int n;

    private JsonTextWriter() {}

    /** This thread's writer, emptied. */
    static JsonTextWriter forThisThread() {
        JsonTextWriter w = OF_THREAD.get();
        if (w.buf.length > MAX_KEPT) {
            w.buf = new char[INITIAL]; // do not keep a huge body's array for good
        }
        w.n = 0;
        return w;
    }

    @Override
    public void write(char[] c, int off, int len) {
        if (n + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n + len, buf.length * 2));
        }
        System.arraycopy(c, off, buf, n, len);
        n += len;
    }

    @Override
    public void write(String str, int off, int len) {
        if (n + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n + len, buf.length * 2));
        }
        str.getChars(off, off + len, buf, n);
        n += len;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
        return new String(buf, 0, n);
    }
}
