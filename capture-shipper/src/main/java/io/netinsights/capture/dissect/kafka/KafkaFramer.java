package io.netinsights.capture.dissect.kafka;

import io.netinsights.capture.decode.Bytes;

import java.util.Arrays;

/**
 * Cuts one direction of a Kafka connection into frames (a 4-byte size, then that many bytes). Only
 * the first {@code keep} bytes of a frame are kept, so a 50 MB Fetch response costs no more memory
 * than a small one. A size that cannot be a Kafka frame loses the framing for good: the direction
 * is counted as one parse error and ignored from then on.
 */
final class KafkaFramer {

    /** Receives frames and framing errors. */
    interface Listener {
        /**
         * @param frame the kept bytes of the frame body are {@code frame[0 .. kept)}; valid during
         *     the call only
         * @param size the whole frame on the wire, size prefix included
         */
        void onFrame(byte[] frame, int kept, long size, long startMicros);

        void onParseError();
    }

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

    KafkaFramer(int keep, Listener listener) {
        this.keep = keep;
        this.listener = listener;
    }

    void feed(byte[] b, int off, int len, long tsMicros) {
        int i = off;
        int end = off + len;
        while (i < end && !dead) {
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
            int kept = Math.min(n, keep - bodyLen);
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
                headerLen = 0;
                listener.onFrame(body, bodyLen, 4 + frameSize, startMicros);
            }
        }
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
