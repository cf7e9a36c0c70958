package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.dissect.CappedBuffer;

/**
 * Cuts one direction of an HTTP/2 connection into frames: skips the client preface, buffers the
 * payload of control and header frames (up to {@link #MAX_BUFFERED} bytes, delivered whole, without
 * copying when it arrived in one piece), and streams DATA payloads without their padding. A frame
 * header that cannot be HTTP/2 means the framing is lost: the direction is not parsed any further,
 * since guessing where the next frame starts would turn payload into frames.
 *
 * <p>A TCP gap ({@link #gap}) inside a DATA or skipped frame keeps the framing (the stream is
 * marked). Anywhere else the framing is lost, but unlike bad input the bytes after a gap are real
 * frames: the reader discards bytes one at a time until a frame header the connection finds likely
 * ({@link Http2Conversation#isResyncCandidate}), and reads on from there.
 */
final class FrameReader {

    /** Most payload bytes buffered for a non-DATA frame; the rest is counted, not kept. */
    static final int MAX_BUFFERED = 1 << 20;

    /** What the first bytes of the direction must be when this reader was started blind. */
    enum Start {
        /** Preface or frames: a flow the dissector already recognised. */
        ANY,
        /** The client preface, after an HTTP/1.1 switch; anything else is not HTTP/2. */
        PREFACE,
        /** A SETTINGS frame (the server preface), after an HTTP/1.1 switch. */
        SETTINGS
    }

    private enum State {
        PREFACE,
        HEADER,
        PAYLOAD,
        PAD_LENGTH,
        DATA,
        SKIP,
        RESYNC,
        STOPPED
    }

    private final int direction;
    private final Http2Conversation sink;
    private final byte[] header = new byte[Frames.HEADER_LENGTH];
    private final CappedBuffer payload = new CappedBuffer(MAX_BUFFERED);
    private State state = State.PREFACE;
    private Start start;
    private int matched;
    private int headerBytes;
    private int type;
    private int flags;
    private int streamId;
    private int remaining;
    private int dataLeft;
    private long frameMicros;

    FrameReader(int direction, Http2Conversation sink, Start start) {
        this.direction = direction;
        this.sink = sink;
        this.start = start;
    }

    void feed(byte[] b, int off, int len, long ts) {
        while (len > 0 && state != State.STOPPED) {
            int used = step(b, off, len, ts);
            off += used;
            len -= used;
        }
    }

    /** {@code lost} bytes of this direction were not captured; see the class comment. */
    void gap(long lost, long ts) {
        if (state == State.STOPPED) {
            return;
        }
        if ((state == State.DATA || state == State.SKIP) && lost <= remaining) {
            int n = (int) lost;
            remaining -= n;
            if (state == State.SKIP) {
                if (remaining == 0) {
                    state = State.HEADER;
                }
                return;
            }
            dataLeft -= Math.min(dataLeft, n);
            sink.dataGap(direction);
            endDataIfDone();
            return;
        }
        payload.clear();
        headerBytes = 0;
        remaining = 0;
        state = State.RESYNC;
        start = Start.ANY;
        sink.framingGap(direction);
    }

    /** Slides a frame-header window over the bytes until a likely frame header. */
    private int resync(byte[] b, int off, int len, long ts) {
        for (int i = 0; i < len; i++) {
            header[headerBytes++] = b[off + i];
            if (headerBytes < Frames.HEADER_LENGTH) {
                continue;
            }
            int length = Frames.length(header, 0);
            int t = header[3] & 0xff;
            int f = header[4] & 0xff;
            if (sink.isResyncCandidate(t, f, Frames.streamId(header, 5), length)) {
                headerBytes = 0;
                frameMicros = ts;
                startFrame();
                return i + 1;
            }
            System.arraycopy(header, 1, header, 0, Frames.HEADER_LENGTH - 1);
            headerBytes--;
        }
        return len;
    }

    /** Stops parsing this direction. */
    void stop() {
        state = State.STOPPED;
    }

    boolean isStopped() {
        return state == State.STOPPED;
    }

    private int step(byte[] b, int off, int len, long ts) {
        switch (state) {
            case PREFACE:
                return preface(b, off, len, ts);
            case HEADER:
                return header(b, off, len, ts);
            case PAYLOAD:
                return payload(b, off, len);
            case PAD_LENGTH:
                int pad = b[off] & 0xff;
                dataLeft = remaining - 1 - pad;
                remaining--;
                if (dataLeft < 0) {
                    sink.protocolError(direction); // more padding than payload: keep no data
                    dataLeft = 0;
                }
                state = State.DATA;
                endDataIfDone();
                return 1;
            case DATA:
                return data(b, off, len);
            case SKIP:
                int n = Math.min(remaining, len);
                remaining -= n;
                if (remaining == 0) {
                    state = State.HEADER;
                }
                return n;
            case RESYNC:
                return resync(b, off, len, ts);
            case STOPPED:
            default:
                return len;
        }
    }

    /** Matches the client preface; on the first difference, the bytes matched so far are frames. */
    private int preface(byte[] b, int off, int len, long ts) {
        int n = Math.min(len, Frames.PREFACE.length - matched);
        for (int i = 0; i < n; i++) {
            if (b[off + i] != Frames.PREFACE[matched + i]) {
                if (start == Start.PREFACE) {
                    state = State.STOPPED;
                    sink.notHttp2(direction);
                    return len;
                }
                int replay = matched + i;
                state = State.HEADER;
                if (replay > 0) {
                    feed(Frames.PREFACE, 0, replay, ts);
                }
                return i;
            }
        }
        matched += n;
        if (matched == Frames.PREFACE.length) {
            state = State.HEADER;
            start = Start.ANY;
            sink.onPreface(direction);
        }
        return n;
    }

    private int header(byte[] b, int off, int len, long ts) {
        if (headerBytes == 0) {
            frameMicros = ts;
        }
        int n = Math.min(len, Frames.HEADER_LENGTH - headerBytes);
        System.arraycopy(b, off, header, headerBytes, n);
        headerBytes += n;
        if (headerBytes == Frames.HEADER_LENGTH) {
            headerBytes = 0;
            startFrame();
        }
        return n;
    }

    private void startFrame() {
        remaining = Frames.length(header, 0);
        type = header[3] & 0xff;
        flags = header[4] & 0xff;
        streamId = Frames.streamId(header, 5);
        if (start != Start.ANY) {
            boolean settings = type == Frames.SETTINGS && (flags & Frames.FLAG_ACK) == 0;
            if (!settings || !Frames.isPlausible(type, flags, streamId, remaining)) {
                state = State.STOPPED;
                sink.notHttp2(direction);
                return;
            }
            start = Start.ANY;
        }
        if (!Frames.isPlausible(type, flags, streamId, remaining)) {
            state = State.STOPPED;
            sink.framingLost(direction);
            return;
        }
        if (type == Frames.DATA) {
            sink.onDataStart(direction, streamId, remaining, frameMicros);
            state =
                    (flags & Frames.FLAG_PADDED) != 0 && remaining > 0
                            ? State.PAD_LENGTH
                            : State.DATA;
            dataLeft = remaining;
            endDataIfDone();
        } else if (type > Frames.CONTINUATION) {
            state = remaining > 0 ? State.SKIP : State.HEADER; // an extension frame
        } else {
            payload.clear();
            state = State.PAYLOAD;
            if (remaining == 0) {
                deliver(header, 0, 0);
            }
        }
    }

    private int payload(byte[] b, int off, int len) {
        if (payload.size() == 0 && len >= remaining && remaining <= MAX_BUFFERED) {
            int n = remaining;
            deliver(b, off, n); // all of it is here: no copy
            return n;
        }
        int n = Math.min(remaining, len);
        payload.add(b, off, n);
        remaining -= n;
        if (remaining == 0) {
            deliver(payload.array(), 0, payload.size());
        }
        return n;
    }

    private void deliver(byte[] b, int off, int len) {
        boolean truncated = payload.isTruncated();
        remaining = 0;
        state = State.HEADER;
        payload.clear();
        sink.onFrame(direction, type, flags, streamId, b, off, len, truncated, frameMicros);
    }

    private int data(byte[] b, int off, int len) {
        int n = Math.min(remaining, len);
        int d = Math.min(dataLeft, n);
        if (d > 0) {
            sink.onData(direction, b, off, d);
            dataLeft -= d;
        }
        remaining -= n;
        endDataIfDone();
        return n;
    }

    private void endDataIfDone() {
        if (remaining == 0) {
            state = State.HEADER;
            sink.onDataEnd(direction, flags, frameMicros);
        }
    }
}
