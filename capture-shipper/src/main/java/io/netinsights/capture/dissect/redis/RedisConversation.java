package io.netinsights.capture.dissect.redis;

import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.ParserContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One Redis connection. Commands and replies pair in order (pipelining included); replies that
 * answer no command are recognised and made items of their own:
 *
 * <ul>
 *   <li>RESP3 pushes ({@code >}), RESP2 pub/sub messages ({@code message}, {@code pmessage}, {@code
 *       smessage}) and {@code MONITOR} lines become an item whose request is the push, sent by the
 *       server, with a null response and {@code elapsedTime} 0. They are keyed apart from the
 *       in-order exchanges, so they never shift the pairing of commands.
 *   <li>The confirmations of {@code (P|S)(UN)SUBSCRIBE}, one per channel, are gathered into one
 *       response to their command.
 * </ul>
 *
 * The client is the side whose first bytes are a command (an array or an inline command). After a
 * TCP gap, a command or reply the gap took whole (or its start) is emitted without a body, marked,
 * so that the in-order pairing stays in step; a value the gap only shortened is emitted marked.
 */
final class RedisConversation implements ConversationParser {

    private static final int MAX_PENDING = 1024;
    private static final Set<String> SUBSCRIBE_FAMILY =
            Set.of(
                    "subscribe",
                    "psubscribe",
                    "ssubscribe",
                    "unsubscribe",
                    "punsubscribe",
                    "sunsubscribe");
    private static final Set<String> MESSAGE_KINDS = Set.of("message", "pmessage", "smessage");

    private final ParserContext context;
    private final int cap;
    private final RespParser[] parsers = new RespParser[2];
    private int clientDir = -1;
    private final long[] lostBeforeStart = new long[2];
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean subscribed;
    private boolean monitoring;
    private long pushKey;

    /** Confirmations gathered for the command at the head of {@link #pending}. */
    private List<RespValue> confirmations;

    private long confirmationsStart;
    private long confirmationsSize;

    RedisConversation(ParserContext context) {
        this.context = context;
        this.cap = context.maxBodyBytes();
    }

    @Override
    public void onData(int direction, byte[] buf, int off, int len, long tsMicros) {
        if (len <= 0) {
            return;
        }
        if (clientDir < 0) {
            byte first = buf[off];
            boolean command = first == '*' || RedisDissector.isAsciiLetter(first);
            clientDir = command ? direction : 1 - direction;
            parsers[clientDir] = new RespParser(true, cap, new Side(clientDir));
            parsers[1 - clientDir] = new RespParser(false, cap, new Side(1 - clientDir));
            for (int d = 0; d < 2; d++) {
                if (lostBeforeStart[d] > 0) {
                    parsers[d].gap(lostBeforeStart[d], tsMicros);
                }
            }
        }
        parsers[direction].feed(buf, off, len, tsMicros);
    }

    @Override
    public void onGap(int direction, long lost, long tsMicros) {
        if (clientDir >= 0) {
            parsers[direction].gap(lost, tsMicros);
        } else {
            lostBeforeStart[direction] += lost; // told to the parser once it exists
        }
    }

    @Override
    public void onEnd(int direction, long tsMicros) {
        if (clientDir < 0) {
            return;
        }
        parsers[direction].end();
        if (direction != clientDir) {
            flushConfirmations();
        }
    }

    /** A gap took a command or reply (or its start): a bodiless, marked message takes its place. */
    private void onLost(int direction, long lost, long tsMicros) {
        String why = lost + " bytes, a whole value or its start, were not captured";
        if (direction == clientDir) {
            if (pending.size() >= MAX_PENDING) {
                pending.poll();
            }
            pending.add(new Pending("", -1));
            context.emit(
                    new Message(
                                    RedisDissector.REDIS,
                                    true,
                                    clientDir,
                                    Message.IN_ORDER,
                                    tsMicros,
                                    lost,
                                    null)
                            .withGap(why));
            return;
        }
        flushConfirmations();
        pending.poll();
        context.emit(
                new Message(
                                RedisDissector.REDIS,
                                false,
                                direction,
                                Message.IN_ORDER,
                                tsMicros,
                                lost,
                                null)
                        .withGap(why));
    }

    private static Message marked(Message m, long gapBytes) {
        return gapBytes > 0 ? m.withGap(gapBytes + " bytes of the value were not captured") : m;
    }

    private void onCommand(RespValue v, long start, long size, long gapBytes) {
        String name = v.isAggregate() ? v.childText(0) : null;
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        long args = v.declaredChildren - 1;
        if (pending.size() >= MAX_PENDING) {
            pending.poll(); // its reply will pair with a later command anyway; keep the bound
        }
        pending.add(new Pending(lower, SUBSCRIBE_FAMILY.contains(lower) && args > 0 ? args : -1));
        context.emit(
                marked(
                        new Message(
                                RedisDissector.REDIS,
                                true,
                                clientDir,
                                Message.IN_ORDER,
                                start,
                                size,
                                RedisJson.request(v, cap)),
                        gapBytes));
    }

    private void onReply(RespValue v, long start, long size, long gapBytes) {
        String kind = kind(v);
        if (confirmations != null) {
            if (kind.equals(pending.peek().name)) {
                addConfirmation(v, start, size);
                return;
            }
            flushConfirmations();
        }
        Pending head = pending.peek();
        if (head != null && SUBSCRIBE_FAMILY.contains(head.name) && kind.equals(head.name)) {
            confirmations = new ArrayList<>();
            confirmationsStart = start;
            confirmationsSize = 0;
            addConfirmation(v, start, size);
            return;
        }
        if (isPush(v, kind, head)) {
            emitPush(v, start, size);
            return;
        }
        pending.poll();
        if (head != null && head.name.equals("monitor") && v.type == '+') {
            monitoring = true;
        }
        emitResponse(RedisJson.response(v, cap), start, size, gapBytes);
    }

    private boolean isPush(RespValue v, String kind, Pending head) {
        if (v.type == '>') {
            return true;
        }
        if (v.type == '*' && MESSAGE_KINDS.contains(kind) && (subscribed || head == null)) {
            return true;
        }
        return monitoring && head == null && v.type == '+';
    }

    private void addConfirmation(RespValue v, long start, long size) {
        confirmations.add(v);
        confirmationsSize += size;
        String count = v.childText(2);
        subscribed = count != null && !count.equals("0");
        Pending head = pending.peek();
        boolean done = head.expected > 0 ? confirmations.size() >= head.expected : !subscribed;
        if (done) {
            flushConfirmations();
        }
    }

    private void flushConfirmations() {
        if (confirmations == null) {
            return;
        }
        List<RespValue> replies = confirmations;
        confirmations = null;
        pending.poll();
        emitResponse(RedisJson.responses(replies, cap), confirmationsStart, confirmationsSize, 0);
    }

    private void emitResponse(String json, long start, long size, long gapBytes) {
        context.emit(
                marked(
                        new Message(
                                RedisDissector.REDIS,
                                false,
                                1 - clientDir,
                                Message.IN_ORDER,
                                start,
                                size,
                                json),
                        gapBytes));
    }

    /**
     * A push becomes an item of its own: the push as a request from the server, answered at once by
     * a response without a body (the item's {@code response} is null) under a key no command uses.
     */
    private void emitPush(RespValue v, long start, long size) {
        long key = pushKey++;
        int server = 1 - clientDir;
        context.emit(
                new Message(
                        RedisDissector.REDIS,
                        true,
                        server,
                        key,
                        start,
                        size,
                        RedisJson.push(v, cap)));
        context.emit(new Message(RedisDissector.REDIS, false, clientDir, key, start, 0, null));
    }

    /** The first element of an array or push, lower case ({@code "message"}), or "". */
    private static String kind(RespValue v) {
        if (v.type != '*' && v.type != '>') {
            return "";
        }
        String first = v.childText(0);
        return first == null ? "" : first.toLowerCase(Locale.ROOT);
    }

    /** A command waiting for its reply; {@code expected} confirmations for the subscribe family. */
    private static final class Pending {
        final String name;
        final long expected;

        Pending(String name, long expected) {
            this.name = name;
            this.expected = expected;
        }
    }

    /** Routes one direction's values to commands or replies. */
    private final class Side implements RespParser.Listener {
        private final int direction;

        Side(int direction) {
            this.direction = direction;
        }

        @Override
        public void onValue(RespValue value, long startMicros, long size, long gapBytes) {
            if (direction == clientDir) {
                onCommand(value, startMicros, size, gapBytes);
            } else {
                onReply(value, startMicros, size, gapBytes);
            }
        }

        @Override
        public void onLost(long lost, long tsMicros) {
            RedisConversation.this.onLost(direction, lost, tsMicros);
        }

        @Override
        public void onParseError() {
            context.parseError();
        }
    }
}
