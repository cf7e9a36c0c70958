package io.netinsights.capture.dissect.http;

import io.netinsights.capture.dissect.CappedBuffer;

/**
 * Incremental HTTP/1.x parser of one direction of a connection: start line and headers, then a body
 * framed by Content-Length, chunked transfer coding, or the end of the connection. Handles
 * keep-alive and pipelining (messages back to back), interim 1xx responses, HEAD/204/304 responses
 * without body, and protocol switches (101, CONNECT), after which the rest is passed through. Bytes
 * that are not HTTP before a message are skipped line by line until a start line appears (a capture
 * that starts mid-message); after a broken body framing the direction is no longer parsed.
 *
 * <p>A TCP gap ({@link #gap}) inside a body of known length, or one framed by the close, only
 * leaves a hole in the body: the message completes, marked. Anywhere else the message under way
 * completes with what was read (or, before its head was complete, is reported lost) and the parser
 * skips bytes ({@link StartLineScanner}) until a request line ({@code METHOD SP target SP
 * HTTP/1.x}) or status line ({@code HTTP/1.x NNN}) starts the next message.
 */
final class HttpStreamParser {

    static final int MAX_HEAD_BYTES = 64 << 10;
    private static final int MAX_START_LINE = 8 << 10;
    private static final int MAX_LINE = 4 << 10;

    private enum State {
        HEAD,
        LENGTH,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS,
        UNTIL_CLOSE,
        PASSTHROUGH
    }

    private final int direction;
    private final HttpConversation owner;
    private final CappedBuffer head = new CappedBuffer(MAX_HEAD_BYTES + 1);
    private final CappedBuffer body;
    private State state = State.HEAD;

    private boolean started;
    private boolean startLineDone;
    private boolean junkLine;
    private boolean resyncing;
    private boolean lineHasText; // a byte other than CR since the last LF
    private int segment;

    private HttpHead current;
    private long startMicros;
    private long wireBytes;
    private long remaining;
    private boolean tunnelAfter;
    private long gapBytes;

    /** After a gap: skipping bytes until a start-line prefix, even inside a line. */
    private boolean scanning;

    /** After a gap, until a start line is found: a failed candidate line goes back to scanning. */
    private boolean afterGap;

    private final StartLineScanner scanner = new StartLineScanner();

    HttpStreamParser(int direction, HttpConversation owner, int maxBodyBytes) {
        this.direction = direction;
        this.owner = owner;
        this.body = new CappedBuffer(maxBodyBytes);
    }

    void feed(byte[] b, int off, int len, long tsMicros) {
        while (len > 0) {
            int used = step(b, off, len, tsMicros);
            off += used;
            len -= used;
        }
    }

    /** The direction ended: a message framed by the close (or cut short) completes now. */
    void end(long tsMicros) {
        if (state == State.HEAD) {
            if (started && !resyncing && !junkLine) {
                owner.parseError(); // the connection ended inside a header block
            }
        } else if (state != State.PASSTHROUGH) {
            complete(tsMicros);
        }
        state = State.PASSTHROUGH;
    }

    /** {@code lost} bytes of this direction were not captured; see the class comment. */
    void gap(long lost, long ts) {
        if (state == State.PASSTHROUGH) {
            owner.passthroughGap(direction, lost, ts);
            return;
        }
        if (state == State.UNTIL_CLOSE
                || ((state == State.LENGTH || state == State.CHUNK_DATA) && lost <= remaining)) {
            skipBody(lost, ts);
            return;
        }
        Boolean lostResponse = null;
        long beyond = lost;
        if (current != null) {
            if (state == State.LENGTH) {
                // The message ends inside the gap; what lies beyond it began the next one.
                lostResponse = !current.request;
                beyond = lost - remaining;
                skipBody(remaining, ts);
            } else {
                gapBytes += lost; // the rest of a chunked body and maybe more: unknown
                wireBytes += lost;
                beyond = 0;
                head.clear();
                complete(ts);
            }
            if (state == State.PASSTHROUGH) {
                owner.passthroughGap(direction, beyond, ts);
                return;
            }
        } else {
            lostResponse = started && !junkLine ? HttpHead.startsResponse(head) : null;
        }
        if (beyond > 0) {
            owner.onLostMessage(direction, lostResponse, beyond, ts);
        }
        head.clear();
        started = false;
        startLineDone = false;
        junkLine = false;
        lineHasText = false;
        state = State.HEAD;
        resyncing = true; // the lines skipped until a start line are the gap's, not errors
        afterGap = true;
        scanning = true;
        scanner.reset();
    }

    /** Skips bytes up to a start-line prefix; returns bytes used (0: go on parsing the head). */
    private int scan(byte[] b, int off, int len, long ts) {
        int at = scanner.find(b, off, len);
        if (at < 0) {
            return len;
        }
        scanning = false;
        if (at < off) {
            byte[] carried = scanner.carried(off - at); // the prefix began in earlier data
            head(carried, 0, carried.length, ts);
            return 0;
        }
        return at - off;
    }

    /** Lost body bytes: the framing holds, the message is marked. */
    private void skipBody(long lost, long ts) {
        gapBytes += lost;
        wireBytes += lost;
        if (state == State.UNTIL_CLOSE) {
            return;
        }
        remaining -= lost;
        if (remaining == 0) {
            if (state == State.LENGTH) {
                complete(ts);
            } else {
                state = State.CHUNK_END;
            }
        }
    }

    /** Stops parsing: the connection switched to another protocol. */
    void passthrough() {
        state = State.PASSTHROUGH;
    }

    private int step(byte[] b, int off, int len, long ts) {
        switch (state) {
            case HEAD:
                return scanning ? scan(b, off, len, ts) : head(b, off, len, ts);
            case LENGTH:
            case CHUNK_DATA:
                return data(b, off, len, ts);
            case CHUNK_SIZE:
            case CHUNK_END:
            case TRAILERS:
                return line(b, off, len, ts);
            case UNTIL_CLOSE:
                body.add(b, off, len);
                wireBytes += len;
                return len;
            case PASSTHROUGH:
            default:
                owner.passthrough(direction, b, off, len, ts);
                return len;
        }
    }

    /** Scans for the end of the header block; buffers it; returns bytes used. */
    private int head(byte[] b, int off, int len, long ts) {
        int end = off + len;
        segment = off;
        int i = off;
        while (i < end) {
            int nl = HttpHead.indexOf(b, i, end, (byte) '\n');
            int stop = nl < 0 ? end : nl;
            if (!lineHasText) {
                int k = i;
                while (k < stop && b[k] == '\r') {
                    k++;
                }
                if (k < stop) {
                    lineHasText = true;
                    if (!started) {
                        start(b[k], k, ts);
                    }
                }
            }
            if (nl < 0) {
                break;
            }
            if (headLineEnds(b, nl, ts)) {
                return nl + 1 - off;
            }
            i = nl + 1;
        }
        if (started && !junkLine) {
            head.add(b, segment, end - segment);
            int limit = startLineDone ? MAX_HEAD_BYTES : MAX_START_LINE;
            if (head.total() > limit) {
                skipLine();
                junkLine = true; // skip the rest of this over-long line
                started = true;
            }
        }
        return len;
    }

    /** The first byte of a message, other than CR or LF, is at {@code i}. */
    private void start(byte c, int i, long ts) {
        started = true;
        startMicros = ts;
        segment = i;
        // A start line begins with a method or "HTTP/"; other lines are skipped unbuffered.
        junkLine = !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    }

    /** Handles the line feed at {@code i}; true when it ends the header block. */
    private boolean headLineEnds(byte[] b, int i, long ts) {
        if (!started) {
            segment = i + 1; // empty lines before a message are allowed
            return false;
        }
        if (!startLineDone) {
            if (!junkLine) {
                head.add(b, segment, i + 1 - segment);
            }
            segment = i + 1;
            if (junkLine || !HttpHead.isStartLine(head.array(), head.size())) {
                skipLine();
                return false;
            }
            resyncing = false;
            afterGap = false;
            startLineDone = true;
        } else if (!lineHasText) {
            head.add(b, segment, i + 1 - segment);
            headComplete(ts);
            return true;
        }
        lineHasText = false;
        return false;
    }

    /** Drops the buffered line: it does not start a message. Counts one error per bad stretch. */
    private void skipLine() {
        if (!resyncing) {
            resyncing = true;
            owner.parseError();
        }
        head.clear();
        started = false;
        startLineDone = false;
        junkLine = false;
        lineHasText = false;
        scanning = afterGap;
    }

    private void headComplete(long ts) {
        HttpHead h = HttpHead.parse(head.array(), head.size());
        wireBytes = head.size();
        head.clear();
        started = false;
        startLineDone = false;
        lineHasText = false;
        if (h == null) {
            skipLine();
            return;
        }
        if (h.request && "PRI".equals(h.method) && "HTTP/2.0".equals(h.version)) {
            owner.tunnel(); // the HTTP/2 preface: not ours to parse
            return;
        }
        current = h;
        body.clear();
        long framing;
        if (h.request) {
            owner.onRequestHead(direction, h);
            framing = BodyFraming.ofRequest(h, owner);
        } else {
            String method = owner.pendingMethod(direction);
            framing = BodyFraming.ofResponse(h, method, owner);
            tunnelAfter = h.status == 101 || ("CONNECT".equals(method) && h.status / 100 == 2);
        }
        startBody(framing, ts);
    }

    private void startBody(long framing, long ts) {
        if (framing == BodyFraming.CHUNKED) {
            state = State.CHUNK_SIZE;
        } else if (framing == BodyFraming.UNTIL_CLOSE) {
            state = State.UNTIL_CLOSE;
        } else if (framing > 0) {
            state = State.LENGTH;
            remaining = framing;
        } else {
            complete(ts);
        }
    }

    private int data(byte[] b, int off, int len, long ts) {
        int n = (int) Math.min(remaining, len);
        body.add(b, off, n);
        wireBytes += n;
        remaining -= n;
        if (remaining == 0) {
            if (state == State.LENGTH) {
                complete(ts);
            } else {
                state = State.CHUNK_END;
            }
        }
        return n;
    }

    /** Reads one line of chunk framing (size line, CRLF after data, trailers). */
    private int line(byte[] b, int off, int len, long ts) {
        int nl = HttpHead.indexOf(b, off, off + len, (byte) '\n');
        int used = nl < 0 ? len : nl + 1 - off;
        head.add(b, off, used);
        wireBytes += used;
        if (nl < 0) {
            if (head.total() > MAX_LINE) {
                framingError(ts);
            }
            return used;
        }
        int lineEnd = head.size() - 1;
        if (lineEnd > 0 && head.array()[lineEnd - 1] == '\r') {
            lineEnd--;
        }
        onLine(lineEnd, ts);
        head.clear();
        return used;
    }

    private void onLine(int lineLength, long ts) {
        if (state == State.CHUNK_SIZE) {
            long size = BodyFraming.chunkSize(head.array(), lineLength);
            if (size < 0) {
                framingError(ts);
            } else if (size == 0) {
                state = State.TRAILERS;
            } else {
                remaining = size;
                state = State.CHUNK_DATA;
            }
        } else if (state == State.CHUNK_END) {
            if (lineLength != 0) {
                framingError(ts);
            } else {
                state = State.CHUNK_SIZE;
            }
        } else if (lineLength == 0) {
            complete(ts); // the empty line after the trailers
        }
    }

    /**
     * The body framing is broken: emit what we have and stop parsing this direction. Resuming at
     * the next line that looks like a start line would parse body bytes as messages, which is
     * exactly what request smuggling relies on (and what tshark does not do either).
     */
    private void framingError(long ts) {
        owner.parseError();
        head.clear();
        complete(ts);
        state = State.PASSTHROUGH;
    }

    private void complete(long ts) {
        HttpHead h = current;
        current = null;
        state = State.HEAD;
        if (h != null && !h.isInterim()) {
            owner.onMessage(direction, h, body, startMicros, wireBytes, gapBytes);
        }
        gapBytes = 0;
        body.clear();
        if (tunnelAfter) {
            tunnelAfter = false;
            owner.tunnel(direction, h);
        }
    }
}
