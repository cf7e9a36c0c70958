package io.netinsights.capture.dissect.redis;

import java.util.Arrays;

/**
 * The line a {@link RespParser} is reading, gathered across segments up to {@link #MAX} bytes. A
 * longer line is still consumed to its end but reported as too long.
 */
final class RespLine {

    static final int MAX = 64 * 1024;

    /** The line's bytes; {@link #take()} tells how many are text. */
    byte[] bytes = new byte[256];

    private int length;
    private boolean tooLong;

    /**
     * Consumes {@code b[off ..]} up to and including the next {@code \n}, or to {@code end}.
     *
     * @return how many bytes were consumed
     */
    int append(byte[] b, int off, int end) {
        int stop = off;
        while (stop < end && b[stop] != '\n') {
            stop++;
        }
        if (stop < end) {
            stop++;
        }
        int n = stop - off;
        if (length + n > MAX) {
            tooLong = true;
        } else {
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(MAX, Math.max(bytes.length * 2, length + n)));
            }
            System.arraycopy(b, off, bytes, length, n);
            length += n;
        }
        return n;
    }

    /** Whether bytes of an unfinished line are held. */
    boolean isStarted() {
        return length > 0 || tooLong;
    }

    /**
     * Ends the line and starts the next.
     *
     * @return the length of its text without {@code \r\n}, or -1 when it was too long
     */
    int take() {
        int n = length;
        boolean wasTooLong = tooLong;
        clear();
        if (wasTooLong) {
            return -1;
        }
        if (n > 0 && bytes[n - 1] == '\n') {
            n--;
        }
        if (n > 0 && bytes[n - 1] == '\r') {
            n--;
        }
        return n;
    }

    void clear() {
        length = 0;
        tooLong = false;
    }
}
