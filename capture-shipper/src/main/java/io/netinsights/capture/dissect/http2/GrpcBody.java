package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.dissect.CappedBuffer;

import java.util.Arrays;
import java.util.Base64;

/**
 * The text of a gRPC body: its length-prefixed messages (a flag byte and a 4-byte length each, gRPC
 * PROTOCOL-HTTP2) as base64, one line per message, without the 5-byte prefixes. A unary call's text
 * is thus exactly the base64 of its one protobuf message, and a stream's text splits on {@code
 * "\n"}. Only the kept bytes (at most the body cap) are encoded: the last message may be cut.
 * Compressed messages (flag 1) stay compressed. Bytes that do not frame as messages are encoded
 * whole, so nothing is hidden.
 */
final class GrpcBody {

    static final int PREFIX = 5;

    private GrpcBody() {}

    static String text(CappedBuffer body) {
        byte[] b = body.array();
        int n = body.size();
        if (n == 0) {
            return "";
        }
        if (!framesAsMessages(b, n)) {
            return Base64.getEncoder().encodeToString(Arrays.copyOf(b, n));
        }
        Base64.Encoder encoder = Base64.getEncoder();
        StringBuilder out = new StringBuilder(n * 4 / 3 + 8);
        int pos = 0;
        while (pos + PREFIX <= n) {
            long length = Frames.uint32(b, pos + 1);
            int from = pos + PREFIX;
            int to = (int) Math.min(n, from + length);
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(encoder.encodeToString(Arrays.copyOfRange(b, from, to)));
            pos = to;
        }
        return out.toString();
    }

    /** Whether every prefix in the kept bytes has flag 0 or 1 (the last message may be cut). */
    private static boolean framesAsMessages(byte[] b, int n) {
        int pos = 0;
        while (pos < n) {
            if (pos + PREFIX > n || (b[pos] & 0xfe) != 0) {
                return false;
            }
            long next = pos + PREFIX + Frames.uint32(b, pos + 1);
            if (next >= n) {
                return true;
            }
            pos = (int) next;
        }
        return true;
    }
}
