package io.netinsights.capture.dissect;

import java.util.Arrays;

/**
 * A growable byte buffer that keeps at most {@code cap} bytes and counts every byte offered, so a
 * message body can be measured in full while only its start is kept. Reused across messages.
 */
public final class CappedBuffer {

    private final int cap;
    private byte[] buf;
    private int size;
    private long total;

    public CappedBuffer(int cap) {
        this.cap = cap;
        this.buf = new byte[Math.min(cap, 256)];
    }

    /** Offers bytes; keeps what fits under the cap and counts them all. */
    public void add(byte[] b, int off, int len) {
        total += len;
        int n = Math.min(len, cap - size);
        if (n <= 0) {
            return;
        }
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(cap, Math.max(buf.length * 2, size + n)));
        }
        System.arraycopy(b, off, buf, size, n);
        size += n;
    }

    /** The kept bytes are {@code array()[0 .. size())}. */
    public byte[] array() {
        return buf;
    }

    /** Bytes kept. */
    public int size() {
        return size;
    }

    /** Bytes offered since the last {@link #clear()}. */
    public long total() {
        return total;
    }

    /** Whether bytes were offered beyond the cap. */
    public boolean isTruncated() {
        return total > size;
    }

    public void clear() {
        size = 0;
        total = 0;
    }
}
