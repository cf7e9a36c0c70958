package io.netinsights.capture.dissect.postgres;

import io.netinsights.capture.decode.Bytes;
import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.ParserContext;

/**
 * One PostgreSQL connection, cut into round trips: one item per round trip, paired in order. A
 * round trip starts with a StartupMessage, a Query, a FunctionCall, or the first extended-query
 * message, and its request is complete at that message (at Sync for the extended protocol); it ends
 * with the server's ReadyForQuery. Messages the client sends inside a round trip that is already
 * under way (passwords, COPY data) count towards no item. Encryption accepted after an SSLRequest
 * or GSSENCRequest, or a TLS handshake without one, ends the parsing of the flow. Asynchronous
 * server messages between round trips (notices, notifications, parameter changes) are skipped; a
 * CancelRequest gets no response by design and is not an item.
 *
 * <p>After a TCP gap, the round trip under way on that side is marked. A gap between round trips
 * stands for a lost request (emitted without a body, marked, so the in-order pairing stays in step)
 * or the start of a lost response (the messages up to the next ReadyForQuery form it, marked).
 */
final class PostgresConversation implements ConversationParser {

    private final ParserContext context;
    private final int keep;
    private final PgFramer[] framers = new PgFramer[2];
    private int frontendDir = -1;
    private final long[] lostBeforeStart = new long[2];
    private PgRequest extended;
    private PgResponse response;
    private int outstanding;
    private boolean encrypted;
    private boolean nextRequestGap;

    PostgresConversation(ParserContext context) {
        this.context = context;
        this.keep = context.maxBodyBytes();
    }

    @Override
    public void onData(int direction, byte[] buf, int off, int len, long tsMicros) {
        if (encrypted || len <= 0) {
            return;
        }
        if (frontendDir < 0) {
            if (len > 1 && buf[off] == 0x16 && buf[off + 1] == 0x03) {
                encrypted = true; // direct TLS (PostgreSQL 17 sslnegotiation=direct)
                return;
            }
            frontendDir = PgNames.isBackendOnly(buf[off]) ? 1 - direction : direction;
            framers[frontendDir] = new PgFramer(true, keep, new Side(true));
            framers[1 - frontendDir] = new PgFramer(false, keep, new Side(false));
            for (int d = 0; d < 2; d++) {
                if (lostBeforeStart[d] > 0) {
                    framers[d].gap(lostBeforeStart[d], tsMicros);
                }
            }
            if (direction == frontendDir && buf[off] == 0 && lostBeforeStart[direction] == 0) {
                framers[frontendDir].expectUntyped();
            }
        }
        framers[direction].feed(buf, off, len, tsMicros);
    }

    @Override
    public void onGap(int direction, long lost, long tsMicros) {
        if (frontendDir >= 0 && !encrypted) {
            framers[direction].gap(lost, tsMicros);
        } else if (frontendDir < 0) {
            lostBeforeStart[direction] += lost; // told to the framer once it exists
        }
    }

    @Override
    public void onEnd(int direction, long tsMicros) {
        if (frontendDir < 0) {
            return;
        }
        framers[direction].end();
        if (direction == frontendDir && extended != null) {
            emitRequest(extended); // no Sync before the end: what was sent is the request
            extended = null;
        } else if (direction != frontendDir && response != null) {
            emitResponse(); // no ReadyForQuery before the end (a FATAL error closes at once)
        }
    }

    private void onLost(boolean frontend, long lost, long tsMicros) {
        if (frontend) {
            if (extended != null) {
                extended.gap = true;
                return;
            }
            outstanding++;
            context.emit(
                    new Message(
                                    PostgresDissector.POSTGRES,
                                    true,
                                    frontendDir,
                                    Message.IN_ORDER,
                                    tsMicros,
                                    lost,
                                    null)
                            .withGap(
                                    lost
                                            + " bytes, a whole request or its start, were not captured"));
            return;
        }
        if (response == null && outstanding > 0) {
            response = new PgResponse(tsMicros);
        }
        if (response != null) {
            response.gap = true;
        }
    }

    private void onFrontend(int type, byte[] b, int kept, long wire, long start, boolean gap) {
        if (gap) {
            // the request under way, or else the one this message starts or is
            if (extended != null) {
                extended.gap = true;
            } else {
                nextRequestGap = true;
            }
        }
        if (type == 0) {
            untyped(b, kept, wire, start);
            return;
        }
        switch (type) {
            case 'Q':
                emitRequest(PgRequest.query(b, kept, wire, start));
                break;
            case 'F':
                emitRequest(PgRequest.functionCall(b, kept, wire, start));
                break;
            case 'P':
            case 'B':
            case 'D':
            case 'E':
            case 'C':
            case 'H':
            case 'S':
                if (extended == null) {
                    extended = PgRequest.extended(start);
                }
                extended.add(type, b, kept, wire);
                if (type == 'S') {
                    emitRequest(extended);
                    extended = null;
                }
                break;
            default:
                break; // Terminate, and password or COPY messages inside a round trip
        }
    }

    private void untyped(byte[] b, int kept, long wire, long start) {
        int code = kept >= 4 ? Bytes.u32(b, 0) : -1;
        if (code == PgNames.SSL_REQUEST || code == PgNames.GSSENC_REQUEST) {
            emitRequest(PgRequest.untyped(code, b, kept, wire, start));
            framers[1 - frontendDir].expectSingleByte();
            framers[frontendDir].expectUntyped();
        } else if ((code >>> 16) == 3) {
            emitRequest(PgRequest.untyped(code, b, kept, wire, start));
        } else if (code != PgNames.CANCEL_REQUEST) {
            context.parseError(); // an unknown protocol version
        }
    }

    private void onBackend(
            int type, boolean single, byte[] b, int kept, long wire, long start, boolean gap) {
        if (single) {
            response = new PgResponse(start);
            response.answer(type, wire);
            emitResponse();
            encrypted = type != 'N';
            return;
        }
        if (response == null) {
            if (outstanding == 0 && (type == 'A' || type == 'N' || type == 'S')) {
                return; // asynchronous, between round trips
            }
            response = new PgResponse(start);
        }
        response.add(type, b, kept, wire);
        response.gap |= gap;
        if (type == 'Z') {
            emitResponse();
        }
    }

    private void emitRequest(PgRequest r) {
        outstanding++;
        r.gap |= nextRequestGap;
        nextRequestGap = false;
        context.emit(
                marked(
                        new Message(
                                PostgresDissector.POSTGRES,
                                true,
                                frontendDir,
                                Message.IN_ORDER,
                                r.startMicros,
                                r.size,
                                r.toJson()),
                        r.gap));
    }

    private static Message marked(Message m, boolean gap) {
        return gap ? m.withGap("bytes of the round trip were not captured") : m;
    }

    private void emitResponse() {
        PgResponse r = response;
        response = null;
        outstanding = Math.max(0, outstanding - 1);
        context.emit(
                marked(
                        new Message(
                                PostgresDissector.POSTGRES,
                                false,
                                1 - frontendDir,
                                Message.IN_ORDER,
                                r.startMicros,
                                r.size,
                                r.toJson()),
                        r.gap));
    }

    /** Routes one direction's messages. */
    private final class Side implements PgFramer.Listener {
        private final boolean frontend;

        Side(boolean frontend) {
            this.frontend = frontend;
        }

        @Override
        public void onMessage(
                int type,
                boolean single,
                byte[] body,
                int kept,
                long wireSize,
                long startMicros,
                long gapBytes) {
            if (encrypted) {
                return;
            }
            if (frontend) {
                onFrontend(type, body, kept, wireSize, startMicros, gapBytes > 0);
            } else {
                onBackend(type, single, body, kept, wireSize, startMicros, gapBytes > 0);
            }
        }

        @Override
        public void onLost(long lost, long tsMicros) {
            if (!encrypted) {
                PostgresConversation.this.onLost(frontend, lost, tsMicros);
            }
        }

        @Override
        public void onParseError() {
            context.parseError();
        }
    }
}
