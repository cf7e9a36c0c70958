package io.netinsights.capture.dissect.redis;

import java.util.ArrayDeque;

/**
 * Streaming RESP2/RESP3 parser for one direction of a connection. Bytes may arrive in any pieces;
 * memory stays bounded whatever the declared sizes, because bulk payloads are streamed and only
 * their start is kept (a per-message budget of text bytes and children). After malformed input the
 * parser counts one error and resynchronises at the next line that starts like a RESP value.
 *
 * <p>A TCP gap ({@link #gap}) inside a bulk string only shortens its kept text: the value completes
 * and is reported with the bytes lost. Anywhere else the value under way is dropped, reported lost,
 * and the parser resynchronises as after an error (a command must start with {@code *}, a reply
 * with a RESP type byte, at the start of a line), without counting one.
 */
final class RespParser {

    /** Receives complete top-level values and parse errors. */
    interface Listener {
        /**
         * @param gapBytes bytes of the value lost to a TCP gap (0 normally)
         */
        void onValue(RespValue value, long startMicros, long size, long gapBytes);

        /** A TCP gap took a value, or the start of one. */
        void onLost(long lost, long tsMicros);

        void onParseError();
    }

    static final int MAX_DEPTH = 32;
    static final int MAX_KEPT_CHILDREN = 1024;
    static final long MAX_BULK = 512L << 20;

    private enum Mode {
        LINE,
        BULK,
        BULK_CRLF
    }

    private final boolean client;
    private final int budget;
    private final Listener listener;
    private final ArrayDeque<RespValue> stack = new ArrayDeque<>();
    private final RespLine current = new RespLine();
    private byte[] line;
    private Mode mode = Mode.LINE;
    private RespValue bulk;
    private long bulkLeft;
    private int crlfSeen;
    private RespValue attribute;
    private boolean inMessage;
    private long messageStart;
    private long messageSize;
    private int keptBytes;
    private int keptChildren;
    private boolean resyncing;
    private long gapBytes;

    /**
     * @param client whether this direction carries commands (inline commands are allowed)
     * @param budget most text bytes kept per message
     */
    RespParser(boolean client, int budget, Listener listener) {
        this.client = client;
        this.budget = Math.max(budget, 64);
        this.listener = listener;
    }

    void feed(byte[] b, int off, int len, long tsMicros) {
        int i = off;
        int end = off + len;
        while (i < end) {
            if (!inMessage) {
                inMessage = true;
                messageStart = tsMicros;
                messageSize = 0;
            }
            if (mode == Mode.BULK) {
                int n = (int) Math.min(bulkLeft, end - i);
                appendText(bulk, b, i, n);
                bulkLeft -= n;
                i += n;
                messageSize += n;
                if (bulkLeft == 0) {
                    mode = Mode.BULK_CRLF;
                }
            } else if (mode == Mode.BULK_CRLF) {
                byte c = b[i++];
                messageSize++;
                if (c != (crlfSeen == 0 ? '\r' : '\n')) {
                    fail();
                } else if (++crlfSeen == 2) {
                    mode = Mode.LINE;
                    RespValue v = bulk;
                    bulk = null;
                    complete(v);
                }
            } else {
                int n = current.append(b, i, end);
                i += n;
                messageSize += n;
                if (b[i - 1] == '\n') {
                    processLine();
                }
            }
        }
    }

    /** {@code lost} bytes of this direction were not captured; see the class comment. */
    void gap(long lost, long tsMicros) {
        if (mode == Mode.BULK && lost <= bulkLeft) {
            bulkLeft -= lost;
            messageSize += lost;
            gapBytes += lost;
            if (bulkLeft == 0) {
                mode = Mode.BULK_CRLF;
            }
            return;
        }
        long valueLeft = bulkLeft + 2; // the bulk's payload and CRLF
        if (mode == Mode.BULK && stack.isEmpty() && attribute == null && lost >= valueLeft) {
            // A top-level bulk string ends inside the gap: it is emitted shortened, and what lies
            // beyond it began the next value.
            messageSize += valueLeft;
            gapBytes += valueLeft;
            RespValue v = bulk;
            bulk = null;
            mode = Mode.LINE;
            complete(v);
            if (lost == valueLeft) {
                return;
            }
            lost -= valueLeft;
        }
        reset();
        inMessage = false;
        resyncing = true;
        gapBytes = 0;
        listener.onLost(lost, tsMicros);
    }

    /** The direction ended; a value left unfinished is a parse error. */
    void end() {
        boolean partial =
                !stack.isEmpty() || mode != Mode.LINE || current.isStarted() || attribute != null;
        if (inMessage && partial && !resyncing) {
            listener.onParseError();
        }
        reset();
        inMessage = false;
    }

    private void processLine() {
        line = current.bytes;
        int n = current.take();
        if (n < 0) {
            fail();
            return;
        }
        boolean topLevel = stack.isEmpty() && attribute == null;
        if (n == 0) {
            if (topLevel) {
                inMessage = false; // a blank line between inline commands
            } else {
                fail();
            }
            return;
        }
        byte t = line[0];
        if (resyncing && (client ? t != '*' : !RespSyntax.isTypeByte(t))) {
            inMessage = false; // still looking for the start of a value
            return;
        }
        if (RespSyntax.isTypeByte(t)) {
            typed(t, n);
        } else if (client && topLevel) {
            inline(n);
        } else {
            fail();
        }
    }

    private void typed(byte t, int n) {
        if (RespSyntax.isBulkType(t)) {
            bulkHeader(t, n);
        } else if (RespSyntax.isAggregateType(t)) {
            aggregateHeader(t, n);
        } else if (RespSyntax.isValidLeaf(t, line, n)) {
            leaf(t, n);
        } else {
            fail();
        }
    }

    private void leaf(byte t, int n) {
        RespValue v = new RespValue(t);
        v.isNull = t == '_';
        v.declaredLength = n - 1;
        appendText(v, line, 1, n - 1);
        complete(v);
    }

    private void bulkHeader(byte t, int n) {
        long length = RespSyntax.parseNumber(line, 1, n);
        if (length == -1 && t == '$') {
            RespValue v = new RespValue(t);
            v.isNull = true;
            complete(v);
            return;
        }
        if (length < 0 || length > MAX_BULK) {
            fail();
            return;
        }
        bulk = new RespValue(t);
        bulk.declaredLength = length;
        bulkLeft = length;
        crlfSeen = 0;
        mode = length == 0 ? Mode.BULK_CRLF : Mode.BULK;
    }

    private void aggregateHeader(byte t, int n) {
        long count = RespSyntax.parseNumber(line, 1, n);
        if (count == -1 && t == '*') {
            RespValue v = new RespValue(t);
            v.isNull = true;
            complete(v);
            return;
        }
        if (count < 0 || count > Integer.MAX_VALUE || stack.size() >= MAX_DEPTH) {
            fail();
            return;
        }
        RespValue v = new RespValue(t);
        v.declaredChildren = v.isMap() ? 2 * count : count;
        v.remaining = v.declaredChildren;
        if (v.remaining == 0) {
            complete(v);
        } else {
            stack.push(v);
        }
    }

    /** An inline command: the words of the line, as a telnet user would type them. */
    private void inline(int n) {
        RespValue v = new RespValue(RespValue.INLINE);
        int i = 0;
        while (i < n) {
            while (i < n && (line[i] == ' ' || line[i] == '\t')) {
                i++;
            }
            int start = i;
            while (i < n && line[i] != ' ' && line[i] != '\t') {
                i++;
            }
            if (i > start) {
                RespValue word = new RespValue((byte) '$');
                word.declaredLength = i - start;
                appendText(word, line, start, i - start);
                v.declaredChildren++;
                addChild(v, word);
            }
        }
        if (v.declaredChildren == 0) {
            inMessage = false;
            return;
        }
        complete(v);
    }

    private void complete(RespValue value) {
        RespValue v = value;
        while (true) {
            RespValue parent = stack.peek();
            if (parent == null) {
                if (v.type == '|') {
                    attribute = v; // applies to the value that follows, in the same message
                    return;
                }
                if (attribute != null) {
                    v.attributes = attribute;
                    attribute = null;
                }
                emit(v);
                return;
            }
            if (v.type == '|') {
                return; // a nested attribute is not an element of its aggregate; it is dropped
            }
            addChild(parent, v);
            if (--parent.remaining > 0) {
                return;
            }
            stack.pop();
            v = parent;
        }
    }

    private void addChild(RespValue parent, RespValue child) {
        if (keptChildren < MAX_KEPT_CHILDREN) {
            parent.addChild(child);
            keptChildren++;
        } else {
            parent.truncated = true;
        }
    }

    private void appendText(RespValue v, byte[] b, int off, int n) {
        int before = v.textLength();
        v.appendText(b, off, n, budget - keptBytes);
        keptBytes += v.textLength() - before;
    }

    private void emit(RespValue v) {
        long start = messageStart;
        long size = messageSize;
        long lost = gapBytes;
        inMessage = false;
        keptBytes = 0;
        keptChildren = 0;
        resyncing = false;
        gapBytes = 0;
        listener.onValue(v, start, size, lost);
    }

    private void fail() {
        if (!resyncing) {
            listener.onParseError();
        }
        resyncing = true;
        reset();
        inMessage = false;
    }

    private void reset() {
        gapBytes = 0;
        stack.clear();
        bulk = null;
        attribute = null;
        mode = Mode.LINE;
        current.clear();
        keptBytes = 0;
        keptChildren = 0;
    }
}
