package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.dissect.CappedBuffer;
import io.netinsights.capture.dissect.Message;

/**
 * One HTTP/2 stream being assembled: the request (header fields, body, trailers) sent by one side
 * and the response sent by the other, with the capture time and wire size of each. Objects are
 * recycled by {@link StreamMap}, so {@link #reset} must clear every field.
 */
final class Http2Stream {

    int id;

    /** The side that sends the request, or -1 before any header block was classified. */
    int requestDirection = -1;

    /** A stream the server promised (PUSH_PROMISE): tracked only to be ignored. */
    boolean pushed;

    final HeaderList requestHeaders = new HeaderList();
    final HeaderList responseHeaders = new HeaderList();
    final CappedBuffer requestBody;
    final CappedBuffer responseBody;

    boolean requestSeen;
    boolean requestEnded;
    boolean requestEmitted;

    /** The request came over HTTP/1.1 before an h2c upgrade; re-emitted as this stream's. */
    Message upgradeRequest;

    long requestMicros;
    long requestWire;
    long requestBodySize;

    boolean responseSeen;
    long responseMicros;
    long responseWire;
    long responseBodySize;

    /** Header blocks of this stream that were lost or could not be decoded. */
    int lostBlocks;

    /** Whether a TCP gap may have taken frames of the request or response. */
    boolean requestGap;

    boolean responseGap;

    Http2Stream(int maxBodyBytes) {
        this.requestBody = new CappedBuffer(maxBodyBytes);
        this.responseBody = new CappedBuffer(maxBodyBytes);
    }

    void reset(int streamId) {
        id = streamId;
        requestDirection = -1;
        pushed = false;
        requestHeaders.clear();
        responseHeaders.clear();
        requestBody.clear();
        responseBody.clear();
        requestSeen = false;
        requestEnded = false;
        requestEmitted = false;
        upgradeRequest = null;
        requestMicros = 0;
        requestWire = 0;
        requestBodySize = 0;
        responseSeen = false;
        responseMicros = 0;
        responseWire = 0;
        responseBodySize = 0;
        lostBlocks = 0;
        requestGap = false;
        responseGap = false;
    }

    /** A TCP gap in {@code direction} may have taken frames of this stream. */
    void markGap(int direction) {
        if (isRequestSide(direction)) {
            requestGap = true;
        } else {
            responseGap = true;
        }
    }

    /**
     * A header block sent in {@code direction}: request headers (or trailers), or response headers
     * (or trailers); interim 1xx responses only count on the wire.
     *
     * @param complete false when the block could not be decoded in full
     */
    void addHeaders(int direction, HeaderList fields, boolean complete, long ts, long wire) {
        if (!complete) {
            lostBlocks++;
        }
        addWire(direction, wire);
        if (isRequestSide(direction)) {
            if (!requestSeen) {
                requestSeen = true;
                requestMicros = ts;
            }
            requestHeaders.addAll(fields);
            return;
        }
        String status = fields.get(":status");
        if (status != null && status.startsWith("1") && !status.equals("101")) {
            return;
        }
        if (!responseSeen) {
            responseSeen = true;
            responseMicros = ts;
        }
        responseHeaders.addAll(fields);
    }

    /**
     * DATA payload sent in {@code direction}: all of it is counted, at most {@code keep} more bytes
     * are kept (besides the body cap).
     *
     * @return the bytes kept
     */
    int addBody(int direction, byte[] b, int off, int len, int keep) {
        boolean request = isRequestSide(direction);
        CappedBuffer body = request ? requestBody : responseBody;
        if (request) {
            requestBodySize += len;
        } else {
            responseBodySize += len;
        }
        int before = body.size();
        body.add(b, off, Math.max(0, Math.min(len, keep)));
        return body.size() - before;
    }

    /** Frame bytes of this stream sent in {@code direction}. */
    void addWire(int direction, long bytes) {
        if (isRequestSide(direction)) {
            requestWire += bytes;
        } else {
            responseWire += bytes;
        }
    }

    boolean isRequestSide(int direction) {
        return direction == requestDirection;
    }

    /** Header fields of either message that could not be decoded, plus lost blocks. */
    int undecoded() {
        return requestHeaders.unknown() + responseHeaders.unknown() + lostBlocks;
    }

    /** Whether this is gRPC: a content-type of application/grpc (or +proto, ...) either way. */
    boolean isGrpc() {
        return isGrpcType(requestHeaders.get("content-type"))
                || isGrpcType(responseHeaders.get("content-type"));
    }

    private static boolean isGrpcType(String contentType) {
        return contentType != null && contentType.startsWith("application/grpc");
    }
}
