package io.netinsights.capture.dissect.kafka;

import io.netinsights.capture.decode.Bytes;

import java.util.Arrays;

/**
 * Cuts one direction of a Kafka connection into frames (a 4-byte size, then that many bytes). Only
 * the first {@code keep} bytes of a frame are kept, so a 50 MB Fetch response costs no more memory
 * than a small one. A size that cannot be a Kafka frame loses the framing for good: the direction
 * is counted as one parse error and ignored from then on.
 *
 * <p>A TCP gap ({@link #gap}) inside a frame body keeps the framing: the frame is delivered when
 * its size is used up, with only the bytes kept before the gap and the bytes lost. A gap that
 * reaches past the frame, or hits a size prefix, loses the framing: the frame under way is
 * delivered as it is (if it started), then bytes are discarded one at a time until the next few
 * bytes pass the listener's {@link Listener#isFrameStart} check.
 */
final class KafkaFramer {

    /** Receives frames and framing errors. */
    interface Listener {
        /**
         * @param frame the kept bytes of the frame body are {@code frame[0 .. kept)}; valid during
         *     the call only
         * @param size the whole frame on the wire, size prefix included
         */
        void onFrame(byte[] frame, int kept, long size, long startMicros, long gapBytes);

        void onParseError();

        /**
         * Whether {@code b[0 .. n)} may start a frame (size prefix included); {@code n} is the
         * window given to the framer.
         */
        boolean isFrameStart(byte[] b, int n);
    }

    /** Most bytes checked for a plausible frame start when resynchronising after a gap. */
    static final int RESYNC_WINDOW = 16;

    /** Larger than any request or response a broker accepts ({@code socket.request.max.bytes}). */
    static final int MAX_FRAME = 256 << 20;

    private static final int MIN_FRAME = 4;

    private final int keep;
    private final Listener listener;
    private final byte[] header = new byte[4];
    private int headerLen;
    private byte[] body = new byte[256];
    private int bodyLen;
    private long bodyLeft;
    private long frameSize;
    private long startMicros;
    private boolean dead;
    private long gapBytes;
    private boolean resyncing;
    private final byte[] window = new byte[RESYNC_WINDOW];
    private int windowLen;
    private final int resyncWindow;

    /**
     * @param resyncWindow bytes checked for a frame start after a gap (at most {@link
     *     #RESYNC_WINDOW}): enough for the listener's check, and no more, so that a short frame at
     *     the end of the data is still found
     */
    KafkaFramer(int keep, Listener listener, int resyncWindow) {
        this.keep = keep;
        this.listener = listener;
        this.resyncWindow = Math.min(resyncWindow, RESYNC_WINDOW);
    }

    void feed(byte[] b, int off, int len, long tsMicros) {
        int i = off;
        int end = off + len;
        while (i < end && !dead) {
            if (resyncing) {
                i = resync(b, i, end, tsMicros);
                continue;
            }
            if (headerLen < 4) {
                if (headerLen == 0) {
                    startMicros = tsMicros;
                }
                int n = Math.min(4 - headerLen, end - i);
                System.arraycopy(b, i, header, headerLen, n);
                headerLen += n;
                i += n;
                if (headerLen == 4) {
                    startBody();
                }
                continue;
            }
            int n = (int) Math.min(bodyLeft, end - i);
            int kept = gapBytes > 0 ? 0 : Math.min(n, keep - bodyLen);
            if (kept > 0) {
                if (bodyLen + kept > body.length) {
                    body =
                            Arrays.copyOf(
                                    body,
                                    Math.min(keep, Math.max(body.length * 2, bodyLen + kept)));
                }
                System.arraycopy(b, i, body, bodyLen, kept);
                bodyLen += kept;
            }
            bodyLeft -= n;
            i += n;
            if (bodyLeft == 0) {
                deliver();
            }
        }
    }

    /** {@code lost} bytes of this direction were not captured; see the class comment. */
    void gap(long lost, long tsMicros) {
        if (dead) {
            return;
        }
        if (!resyncing && headerLen == 4) {
            long inFrame = Math.min(lost, bodyLeft);
            gapBytes += inFrame;
            bodyLeft -= inFrame;
            if (bodyLeft > 0) {
                return;
            }
            deliver();
            if (lost == inFrame) {
                return; // the gap ended with the frame: the next byte starts a size prefix
            }
        }
        headerLen = 0;
        gapBytes = 0;
        windowLen = 0;
        resyncing = true;
    }

    private void deliver() {
        headerLen = 0;
        long lost = gapBytes;
        gapBytes = 0;
        listener.onFrame(body, bodyLen, 4 + frameSize, startMicros, lost);
    }

    /** Slides over bytes until a plausible frame start, which is then parsed as usual. */
    private int resync(byte[] b, int i, int end, long tsMicros) {
        while (i < end) {
            window[windowLen++] = b[i++];
            if (windowLen < resyncWindow) {
                continue;
            }
            if (listener.isFrameStart(window, resyncWindow)) {
                resyncing = false;
                windowLen = 0;
                feed(window, 0, resyncWindow, tsMicros);
                return i;
            }
            System.arraycopy(window, 1, window, 0, resyncWindow - 1);
            windowLen--;
        }
        return i;
    }

    /** The direction ended; a frame cut short is a parse error. */
    void end() {
        if (headerLen > 0 && !dead) {
            listener.onParseError();
        }
        headerLen = 0;
    }

    private void startBody() {
        long size = Bytes.u32(header, 0) & 0xffffffffL;
        if (size < MIN_FRAME || size > MAX_FRAME) {
            dead = true;
            listener.onParseError();
            return;
        }
        frameSize = size;
        bodyLeft = size;
        bodyLen = 0;
    }
}
