package io.netinsights.capture.dissect.http2;

import java.nio.charset.StandardCharsets;

/**
 * HTTP/2 frame constants (RFC 9113 section 6) and the checks of a frame header, loose for parsing
 * and strict for recognising HTTP/2 in the first bytes of a flow that the capture joined late.
 */
final class Frames {

    static final int HEADER_LENGTH = 9;

    static final int DATA = 0;
    static final int HEADERS = 1;
    static final int PRIORITY = 2;
    static final int RST_STREAM = 3;
    static final int SETTINGS = 4;
    static final int PUSH_PROMISE = 5;
    static final int PING = 6;
    static final int GOAWAY = 7;
    static final int WINDOW_UPDATE = 8;
    static final int CONTINUATION = 9;

    static final int FLAG_END_STREAM = 0x1;
    static final int FLAG_ACK = 0x1;
    static final int FLAG_END_HEADERS = 0x4;
    static final int FLAG_PADDED = 0x8;
    static final int FLAG_PRIORITY = 0x20;

    /** The default SETTINGS_MAX_FRAME_SIZE, which frames of a flow joined late must respect. */
    static final int DEFAULT_MAX_FRAME_SIZE = 16384;

    /** The client connection preface (RFC 9113 section 3.4). */
    static final byte[] PREFACE =
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Flags each frame type defines; others must be sent as zero. */
    private static final int[] DEFINED_FLAGS = {
        FLAG_END_STREAM | FLAG_PADDED,
        FLAG_END_STREAM | FLAG_END_HEADERS | FLAG_PADDED | FLAG_PRIORITY,
        0,
        0,
        FLAG_ACK,
        FLAG_END_HEADERS | FLAG_PADDED,
        FLAG_ACK,
        0,
        0,
        FLAG_END_HEADERS
    };

    private static final String[] ERROR_CODES = {
        "NO_ERROR",
        "PROTOCOL_ERROR",
        "INTERNAL_ERROR",
        "FLOW_CONTROL_ERROR",
        "SETTINGS_TIMEOUT",
        "STREAM_CLOSED",
        "FRAME_SIZE_ERROR",
        "REFUSED_STREAM",
        "CANCEL",
        "COMPRESSION_ERROR",
        "CONNECT_ERROR",
        "ENHANCE_YOUR_CALM",
        "INADEQUATE_SECURITY",
        "HTTP_1_1_REQUIRED"
    };

    private Frames() {}

    /**
     * Whether a frame header is possible: stream 0 exactly for connection frames, and the fixed
     * lengths of PRIORITY, RST_STREAM, PING, WINDOW_UPDATE and SETTINGS. Unknown types pass (they
     * are skipped, as RFC 9113 section 4.1 requires).
     */
    static boolean isPlausible(int type, int flags, int streamId, int length) {
        switch (type) {
            case DATA:
            case HEADERS:
            case CONTINUATION:
                return streamId != 0;
            case PUSH_PROMISE:
                return streamId != 0 && length >= 4;
            case PRIORITY:
                return streamId != 0 && length == 5;
            case RST_STREAM:
                return streamId != 0 && length == 4;
            case SETTINGS:
                return streamId == 0 && length % 6 == 0 && ((flags & FLAG_ACK) == 0 || length == 0);
            case PING:
                return streamId == 0 && length == 8;
            case GOAWAY:
                return streamId == 0 && length >= 8;
            case WINDOW_UPDATE:
                return length == 4;
            default:
                return true;
        }
    }

    /** {@link #isPlausible} plus a known type, no undefined flag and the default size limit. */
    static boolean isLikely(int type, int flags, int streamId, int length) {
        return type <= CONTINUATION
                && (flags & ~DEFINED_FLAGS[type]) == 0
                && length <= DEFAULT_MAX_FRAME_SIZE
                && isPlausible(type, flags, streamId, length);
    }

    /**
     * Whether {@code b[off .. off + len)} is a run of likely frames: at least one complete, every
     * header likely, and the last frame ending at the end or cut off by it. Cheap enough for a
     * dissector's first-payload check.
     */
    static boolean looksLikeFrames(byte[] b, int off, int len) {
        int pos = off;
        int end = off + len;
        int complete = 0;
        while (end - pos >= HEADER_LENGTH) {
            int length = length(b, pos);
            if (!isLikely(b[pos + 3] & 0xff, b[pos + 4] & 0xff, streamId(b, pos + 5), length)) {
                return false;
            }
            pos += HEADER_LENGTH + length;
            if (pos <= end) {
                complete++;
            }
        }
        return complete > 0;
    }

    static int length(byte[] b, int pos) {
        return (b[pos] & 0xff) << 16 | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff);
    }

    /** The 31-bit stream identifier (the reserved bit is ignored). */
    static int streamId(byte[] b, int pos) {
        return (b[pos] & 0x7f) << 24
                | (b[pos + 1] & 0xff) << 16
                | (b[pos + 2] & 0xff) << 8
                | (b[pos + 3] & 0xff);
    }

    static long uint32(byte[] b, int pos) {
        return ((long) (b[pos] & 0xff) << 24)
                | (b[pos + 1] & 0xff) << 16
                | (b[pos + 2] & 0xff) << 8
                | (b[pos + 3] & 0xff);
    }

    /** The name of an error code (RFC 9113 section 7), or its number. */
    static String errorName(long code) {
        return code >= 0 && code < ERROR_CODES.length
                ? ERROR_CODES[(int) code]
                : "0x" + Long.toHexString(code);
    }
}
