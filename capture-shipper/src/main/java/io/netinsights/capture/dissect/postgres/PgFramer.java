package io.netinsights.capture.dissect.postgres;

import io.netinsights.capture.decode.Bytes;

import java.util.Arrays;

/**
 * Cuts one direction of a PostgreSQL connection into messages: a type byte and a 4-byte length
 * (which counts itself), the untyped messages that open a connection (StartupMessage, SSLRequest,
 * GSSENCRequest, CancelRequest), and the single byte that answers an SSLRequest or GSSENCRequest.
 * Only the first {@code keep} bytes of a body are kept. A type byte the side cannot send, or a
 * length that cannot be right, loses the framing: one parse error, then the direction is ignored.
 *
 * <p>A TCP gap ({@link #gap}) inside a body keeps the framing: the message is delivered when its
 * length is used up, with the bytes kept before the gap and the bytes lost. A gap that reaches past
 * the message, or hits a header, loses the framing: the listener hears of it ({@link
 * Listener#onLost}), then bytes are discarded one at a time until a type byte this side can send
 * and a sane length ({@value #RESYNC_MAX_LENGTH} bytes at most) are found.
 */
final class PgFramer {

    /** Receives messages and framing errors. */
    interface Listener {
        /**
         * @param type the type byte, 0 for an untyped message, or the answer byte when {@code
         *     single}
         * @param body the kept body is {@code body[0 .. kept)}; valid during the call only
         * @param wireSize bytes of the message on the wire
         * @param gapBytes bytes of the body lost to a TCP gap (0 normally)
         */
        void onMessage(
                int type,
                boolean single,
                byte[] body,
                int kept,
                long wireSize,
                long startMicros,
                long gapBytes);

        void onParseError();

        /** A gap took a message, or the start or end of one, and the framing with it. */
        void onLost(long lost, long tsMicros);
    }

    /** The longest message accepted as the first one after a gap. */
    static final int RESYNC_MAX_LENGTH = 1 << 24;

    private static final int MAX_LENGTH = 1 << 30;
    private static final int MAX_STARTUP_LENGTH = 10_000;

    private final boolean frontend;
    private final int keep;
    private final Listener listener;
    private final byte[] header = new byte[5];
    private int headerLen;
    private int headerNeed;
    private boolean untypedNext;
    private boolean singleByteNext;
    private byte[] body = new byte[256];
    private int bodyLen;
    private long bodyLeft;
    private long length;
    private int type;
    private long startMicros;
    private boolean dead;
    private long gapBytes;
    private boolean resyncing;
    private final byte[] window = new byte[5];
    private int windowLen;

    PgFramer(boolean frontend, int keep, Listener listener) {
        this.frontend = frontend;
        this.keep = keep;
        this.listener = listener;
    }

    /** The next message has no type byte (the start of a connection, or after SSLRequest). */
    void expectUntyped() {
        untypedNext = true;
    }

    /** The next byte answers an SSLRequest or GSSENCRequest ({@code S}, {@code G} or {@code N}). */
    void expectSingleByte() {
        singleByteNext = true;
    }

    void feed(byte[] b, int off, int len, long tsMicros) {
        int i = off;
        int end = off + len;
        while (i < end && !dead) {
            if (resyncing) {
                i = resync(b, i, end, tsMicros);
                continue;
            }
            if (headerLen == 0 && headerNeed == 0) {
                startMicros = tsMicros;
                if (singleByteNext) {
                    singleByteNext = false;
                    int answer = b[i];
                    if (answer == 'S' || answer == 'N' || answer == 'G') {
                        i++;
                        listener.onMessage(answer, true, body, 0, 1, tsMicros, 0);
                        continue;
                    }
                }
                headerNeed = untypedNext ? 4 : 5;
                untypedNext = false;
            }
            if (headerLen < headerNeed) {
                int n = Math.min(headerNeed - headerLen, end - i);
                System.arraycopy(b, i, header, headerLen, n);
                headerLen += n;
                i += n;
                if (headerLen == headerNeed) {
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
        if (!resyncing && headerNeed > 0 && headerLen == headerNeed) {
            long inBody = Math.min(lost, bodyLeft);
            gapBytes += inBody;
            bodyLeft -= inBody;
            if (bodyLeft > 0) {
                return;
            }
            if (lost == inBody) {
                deliver(); // the gap ended with the message: the next byte starts a header
                return;
            }
        }
        headerLen = 0;
        headerNeed = 0;
        gapBytes = 0;
        untypedNext = false;
        singleByteNext = false;
        windowLen = 0;
        resyncing = true;
        listener.onLost(lost, tsMicros);
    }

    /** Slides over bytes until a plausible typed header, which is then parsed as usual. */
    private int resync(byte[] b, int i, int end, long tsMicros) {
        while (i < end) {
            window[windowLen++] = b[i++];
            if (windowLen < window.length) {
                continue;
            }
            long length = Bytes.u32(window, 1) & 0xffffffffL;
            int t = window[0];
            boolean known = (frontend ? PgNames.frontend(t) : PgNames.backend(t)) != null;
            if (known && length >= 4 && length <= RESYNC_MAX_LENGTH) {
                resyncing = false;
                windowLen = 0;
                feed(window, 0, window.length, tsMicros);
                return i;
            }
            System.arraycopy(window, 1, window, 0, window.length - 1);
            windowLen--;
        }
        return i;
    }

    /** The direction ended; a message cut short is a parse error. */
    void end() {
        if (headerLen > 0 && !dead) {
            listener.onParseError();
        }
        headerLen = 0;
        headerNeed = 0;
    }

    private void startBody() {
        boolean untyped = headerNeed == 4;
        type = untyped ? 0 : header[0];
        length = Bytes.u32(header, untyped ? 0 : 1) & 0xffffffffL;
        boolean known =
                untyped || (frontend ? PgNames.frontend(type) : PgNames.backend(type)) != null;
        boolean sane =
                untyped
                        ? length >= 8 && length <= MAX_STARTUP_LENGTH
                        : length >= 4 && length <= MAX_LENGTH;
        if (!known || !sane) {
            dead = true;
            listener.onParseError();
            return;
        }
        bodyLeft = length - 4;
        bodyLen = 0;
        if (bodyLeft == 0) {
            deliver();
        }
    }

    private void deliver() {
        long wire = headerNeed - 4 + length;
        headerLen = 0;
        headerNeed = 0;
        long lost = gapBytes;
        gapBytes = 0;
        listener.onMessage(type, false, body, bodyLen, wire, startMicros, lost);
    }
}
