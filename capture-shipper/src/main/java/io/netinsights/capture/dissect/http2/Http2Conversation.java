package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.ParserContext;

/**
 * One HTTP/2 connection (RFC 9113): a {@link FrameReader} per direction, their {@link
 * HeaderBlocks}, and the open streams. Each stream becomes one request and one response message
 * ({@link StreamEmitter}). Which side is the client comes from the preface, else from the first
 * header block with {@code :method} or {@code :status}, so captures that start mid-connection work
 * too. Bad input is counted as parse errors and never thrown.
 */
final class Http2Conversation implements ConversationParser {

    /**
     * Streams run side by side, so a connection keeps at most this many bodies' worth of bytes
     * (each body at most {@link ParserContext#maxBodyBytes()}); beyond it, bodies are measured but
     * not kept.
     */
    static final int BODY_BUDGET_BODIES = 16;

    private final ParserContext context;
    private final FrameReader[] readers = new FrameReader[2];
    private final HeaderBlocks blocks = new HeaderBlocks(this);
    private final StreamMap streams;
    private final StreamEmitter emitter;

    /** The stream whose DATA frame is being read, per direction (null: ignore its bytes). */
    private final Http2Stream[] dataStream = new Http2Stream[2];

    private final boolean[] ended = new boolean[2];
    private int clientDirection = -1;
    private boolean stopped;

    /** Body bytes kept by all open streams together, and the most they may keep. */
    private int keptBodyBytes;

    private final int bodyBudget;

    /** A flow recognised as HTTP/2 from its first bytes or port. */
    Http2Conversation(ParserContext context) {
        this(context, FrameReader.Start.ANY, FrameReader.Start.ANY);
    }

    private Http2Conversation(ParserContext context, FrameReader.Start a, FrameReader.Start b) {
        this.context = context;
        this.streams = new StreamMap(context.maxBodyBytes());
        this.emitter = new StreamEmitter(context);
        this.bodyBudget =
                (int)
                        Math.min(
                                Integer.MAX_VALUE,
                                BODY_BUDGET_BODIES * (long) context.maxBodyBytes());
        readers[0] = new FrameReader(0, this, a);
        readers[1] = new FrameReader(1, this, b);
    }

    /**
     * The rest of an HTTP/1.1 connection after a protocol switch, which is HTTP/2 only if the
     * client starts with the preface and the server with SETTINGS; otherwise it is silently left
     * alone.
     *
     * @param upgradeRequest the request of an h2c upgrade, answered on stream 1, or null
     */
    Http2Conversation(ParserContext context, int clientDirection, Message upgradeRequest) {
        this(
                context,
                clientDirection == 0 ? FrameReader.Start.PREFACE : FrameReader.Start.SETTINGS,
                clientDirection == 0 ? FrameReader.Start.SETTINGS : FrameReader.Start.PREFACE);
        this.clientDirection = clientDirection;
        blocks.connectionStart();
        if (upgradeRequest != null) {
            Http2Stream s = streams.create(1);
            s.requestDirection = clientDirection;
            s.requestSeen = true;
            s.requestEnded = true;
            s.requestMicros = upgradeRequest.startMicros();
            s.upgradeRequest = upgradeRequest;
        }
    }

    @Override
    public void onData(int direction, byte[] buf, int off, int len, long tsMicros) {
        readers[direction].feed(buf, off, len, tsMicros);
    }

    @Override
    public void onGap(int direction, long lost, long tsMicros) {
        readers[direction].gap(lost, tsMicros);
    }

    /** A gap fell inside a DATA frame: only that stream lost bytes. */
    void dataGap(int dir) {
        Http2Stream s = dataStream[dir];
        if (s != null && !s.pushed) {
            s.markGap(dir);
        }
    }

    /**
     * A gap took frame boundaries: any open stream may have lost frames, and header blocks may have
     * changed the HPACK table unseen.
     */
    void framingGap(int dir) {
        dataStream[dir] = null;
        blocks.lose(dir);
        for (Http2Stream s : streams.sorted()) {
            s.markGap(dir);
        }
    }

    /**
     * After a gap, whether a frame header is likely a real one: a known type with defined flags and
     * a length within the default maximum ({@link Frames#isLikely}), on the connection, an open
     * stream, or (HEADERS) a new client stream; never an empty DATA frame that ends nothing, which
     * zero bytes in front of a real header would otherwise look like.
     */
    boolean isResyncCandidate(int type, int flags, int streamId, int length) {
        if (!Frames.isLikely(type, flags, streamId, length)) {
            return false;
        }
        if (type == Frames.DATA && length == 0 && (flags & Frames.FLAG_END_STREAM) == 0) {
            return false;
        }
        return streamId == 0
                || streams.get(streamId) != null
                || (type == Frames.HEADERS && (streamId & 1) == 1);
    }

    @Override
    public void onEnd(int direction, long tsMicros) {
        readers[direction].stop();
        dataStream[direction] = null;
        if (blocks.isOpen(direction)) {
            blocks.lose(direction);
        }
        ended[direction] = true;
        if (ended[0] && ended[1]) {
            for (Http2Stream s : streams.sorted()) {
                emitter.abandoned(s, tsMicros);
                close(s);
            }
        }
    }

    void onPreface(int direction) {
        clientDirection = direction;
        blocks.connectionStart();
    }

    /** After a protocol switch, this is not HTTP/2 after all: ignore the connection quietly. */
    void notHttp2(int direction) {
        stopped = true;
        readers[0].stop();
        readers[1].stop();
    }

    /** A frame header that cannot be HTTP/2: this direction is not read any further. */
    void framingLost(int direction) {
        protocolError(direction);
        blocks.lose(direction);
    }

    void protocolError(int direction) {
        if (!stopped) {
            context.parseError();
        }
    }

    void onFrame(
            int dir,
            int type,
            int flags,
            int streamId,
            byte[] b,
            int off,
            int len,
            boolean truncated,
            long ts) {
        if (blocks.isOpen(dir) && type != Frames.CONTINUATION) {
            protocolError(dir); // a header block must be continued at once (RFC 9113 6.10)
            blocks.lose(dir);
        }
        switch (type) {
            case Frames.HEADERS:
            case Frames.PUSH_PROMISE:
                blocks.begin(
                        dir,
                        streamId,
                        flags,
                        type == Frames.PUSH_PROMISE,
                        b,
                        off,
                        len,
                        truncated,
                        ts);
                break;
            case Frames.CONTINUATION:
                blocks.continuation(dir, streamId, flags, b, off, len, truncated);
                break;
            case Frames.RST_STREAM:
                onReset(dir, streamId, Frames.uint32(b, off), ts);
                break;
            case Frames.SETTINGS:
                if ((flags & Frames.FLAG_ACK) == 0) {
                    blocks.settings(dir, b, off, len);
                }
                break;
            case Frames.GOAWAY:
                onGoAway(dir, Frames.streamId(b, off), Frames.uint32(b, off + 4), ts);
                break;
            default:
                break; // PRIORITY, PING, WINDOW_UPDATE: nothing an item shows
        }
    }

    void onDataStart(int dir, int streamId, int length, long ts) {
        Http2Stream s = streams.get(streamId);
        // No stream, or no response headers before it: a stream we joined late. A pushed
        // stream's DATA is only followed to its END_STREAM.
        boolean known = s != null && (s.isRequestSide(dir) || s.responseSeen || s.pushed);
        dataStream[dir] = known ? s : null;
        if (!known || s.pushed) {
            return;
        }
        s.addWire(dir, Frames.HEADER_LENGTH + length);
    }

    void onData(int dir, byte[] b, int off, int len) {
        Http2Stream s = dataStream[dir];
        if (s != null && !s.pushed) {
            keptBodyBytes += s.addBody(dir, b, off, len, bodyBudget - keptBodyBytes);
        }
    }

    void onDataEnd(int dir, int flags, long ts) {
        Http2Stream s = dataStream[dir];
        dataStream[dir] = null;
        if (s != null && (flags & Frames.FLAG_END_STREAM) != 0) {
            endOfSide(s, dir);
        }
    }

    void onHeaderBlock(
            int dir,
            int streamId,
            int flags,
            HeaderList fields,
            boolean complete,
            long ts,
            long wire) {
        Http2Stream s = streams.get(streamId);
        if (s == null) {
            s = open(dir, streamId, fields);
            if (s == null) {
                return;
            }
        }
        s.addHeaders(dir, fields, complete, ts, wire);
        if ((flags & Frames.FLAG_END_STREAM) != 0) {
            endOfSide(s, dir);
        }
    }

    /** A header block of {@code streamId} could not be read. */
    void onLostBlock(int dir, int streamId) {
        Http2Stream s = streams.get(streamId);
        if (s != null) {
            s.lostBlocks++;
        }
    }

    void onPushPromise(int promisedId) {
        if (promisedId != 0 && streams.get(promisedId) == null) {
            makeRoom();
            streams.create(promisedId).pushed = true;
        }
    }

    /** Opens a stream at its first header block, deciding which side sends the request. */
    private Http2Stream open(int dir, int streamId, HeaderList fields) {
        if (streams.isRecentlyClosed(streamId)) {
            return null; // frames in flight for a stream that is over
        }
        makeRoom();
        boolean method = fields.get(":method") != null;
        boolean status = fields.get(":status") != null;
        int requestDirection;
        if (method || status) {
            requestDirection = method ? dir : 1 - dir;
            if (clientDirection < 0 && (streamId & 1) == 1) {
                clientDirection = requestDirection;
            }
        } else {
            requestDirection = clientDirection >= 0 ? clientDirection : dir;
        }
        Http2Stream s = streams.create(streamId);
        s.requestDirection = requestDirection;
        return s;
    }

    /** Keeps at most {@link StreamMap#MAX_STREAMS} streams: the oldest one goes out as it is. */
    private void makeRoom() {
        if (streams.size() >= StreamMap.MAX_STREAMS) {
            Http2Stream oldest = streams.oldest();
            emitter.abandoned(oldest, oldest.requestMicros);
            close(oldest);
        }
    }

    private void endOfSide(Http2Stream s, int dir) {
        if (s.pushed) {
            close(s);
        } else if (s.isRequestSide(dir)) {
            s.requestEnded = true;
            emitter.request(s);
        } else {
            emitter.complete(s);
            close(s);
        }
    }

    private void onReset(int dir, int streamId, long code, long ts) {
        Http2Stream s = streams.get(streamId);
        if (s == null) {
            return;
        }
        String side = s.isRequestSide(dir) ? "client" : "server";
        emitter.reset(s, "RST_STREAM " + Frames.errorName(code) + " from the " + side, ts);
        close(s);
    }

    /** Streams the sender of GOAWAY did not process (id above its last) get no response. */
    private void onGoAway(int dir, int lastStreamId, long code, long ts) {
        for (Http2Stream s : streams.sorted()) {
            if (s.id > lastStreamId && s.requestDirection == 1 - dir && !s.responseSeen) {
                String side = dir == clientDirection ? "client" : "server";
                emitter.reset(
                        s,
                        "GOAWAY " + Frames.errorName(code) + " from the " + side + ": refused",
                        ts);
                close(s);
            }
        }
    }

    private void close(Http2Stream s) {
        keptBodyBytes -= s.requestBody.size() + s.responseBody.size();
        for (int d = 0; d < 2; d++) {
            if (dataStream[d] == s) {
                dataStream[d] = null;
            }
        }
        streams.remove(s);
    }
}
