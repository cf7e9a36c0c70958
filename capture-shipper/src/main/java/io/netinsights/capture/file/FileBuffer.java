package io.netinsights.capture.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * One reused direct buffer over a file channel: a record or block is made available whole with
 * {@link #request(int)} and then read with absolute gets from {@link #position()}. The buffer grows
 * only for a record larger than itself, which the readers bound.
 */
final class FileBuffer implements AutoCloseable {

    private static final int INITIAL_CAPACITY = 1 << 20;

    private final FileChannel channel;
    private ByteBuffer buf;
    private long bufferStart;
    private boolean eof;

    FileBuffer(FileChannel channel) {
        this.channel = channel;
        this.buf = ByteBuffer.allocateDirect(INITIAL_CAPACITY);
        buf.limit(0);
    }

    /**
     * Makes {@code n} bytes available from {@link #position()}.
     *
     * @return false when the file ends first; {@link #available()} then says how many bytes are
     *     left
     */
    boolean request(int n) throws IOException {
        if (buf.remaining() >= n) {
            return true;
        }
        if (n > buf.capacity()) {
            grow(n);
        }
        bufferStart += buf.position();
        buf.compact();
        while (buf.position() < n && !eof) {
            if (channel.read(buf) < 0) {
                eof = true;
            }
        }
        buf.flip();
        return buf.remaining() >= n;
    }

    private void grow(int n) {
        ByteBuffer bigger = ByteBuffer.allocateDirect(n).order(buf.order());
        bufferStart += buf.position();
        bigger.put(buf);
        bigger.flip();
        buf = bigger;
    }

    /** Bytes available from the position without reading more. */
    int available() {
        return buf.remaining();
    }

    /** Index in {@link #buffer()} of the next unread byte. */
    int position() {
        return buf.position();
    }

    /** Offset in the file of the next unread byte, for messages. */
    long fileOffset() {
        return bufferStart + buf.position();
    }

    void skip(int n) {
        buf.position(buf.position() + n);
    }

    /** The buffer, for absolute reads between {@link #position()} and its limit. */
    ByteBuffer buffer() {
        return buf;
    }

    void order(ByteOrder order) {
        buf.order(order);
    }

    ByteOrder order() {
        return buf.order();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
