package io.netinsights.capture.dissect.postgres;

import io.netinsights.capture.decode.Bytes;
import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.ParserContext;
import io.netinsights.capture.dissect.ProtocolSpec;
import io.netinsights.capture.dissect.Transport;

import java.util.List;

/**
 * PostgreSQL (frontend/backend protocol 3) over TCP. On any port, a flow is PostgreSQL when its
 * first payload is a StartupMessage, SSLRequest, GSSENCRequest or CancelRequest, or exactly one
 * simple Query (type {@code Q}, a length that spans the payload, a NUL at its end). On the usual
 * ports (5432, 5433) any framed message is enough, and the port alone still suggests PostgreSQL.
 */
public final class PostgresDissector implements Dissector {

    static final ProtocolSpec POSTGRES =
            new ProtocolSpec(
                    "postgres", "3.0", "PGSQL", "PostgreSQL", "postgres", "tcp", List.of("5432"));

    private static final int[] PORTS = {5432, 5433};

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public int score(Transport transport, int srcPort, int dstPort, byte[] b, int off, int len) {
        if (transport != Transport.TCP) {
            return NO_MATCH;
        }
        if (isOpening(b, off, len) || isWholeQuery(b, off, len)) {
            return CONTENT_MATCH;
        }
        if (!isPort(srcPort) && !isPort(dstPort)) {
            return NO_MATCH;
        }
        return isFramed(b, off, len) ? CONTENT_MATCH : PORT_MATCH;
    }

    @Override
    public ConversationParser newParser(Transport transport, ParserContext context) {
        return new PostgresConversation(context);
    }

    private static boolean isPort(int port) {
        for (int p : PORTS) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    /** A StartupMessage (protocol 3.x) or one of the requests that open a connection. */
    static boolean isOpening(byte[] b, int off, int len) {
        if (len < 8) {
            return false;
        }
        int length = Bytes.u32(b, off);
        int code = Bytes.u32(b, off + 4);
        if (code == PgNames.SSL_REQUEST || code == PgNames.GSSENC_REQUEST) {
            return length == 8;
        }
        if (code == PgNames.CANCEL_REQUEST) {
            return length == 16;
        }
        if ((code >>> 16) != 3 || (code & 0xffff) > 16 || length < 9 || length > 10_000) {
            return false;
        }
        return len == length ? b[off + len - 1] == 0 : len < length;
    }

    /** Exactly one simple Query: {@code Q}, its length, printable SQL and the closing NUL. */
    private static boolean isWholeQuery(byte[] b, int off, int len) {
        if (len < 6 || b[off] != 'Q' || Bytes.u32(b, off + 1) != len - 1 || b[off + len - 1] != 0) {
            return false;
        }
        for (int i = off + 5; i < off + len - 1; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A message of either side with a plausible length. */
    private static boolean isFramed(byte[] b, int off, int len) {
        if (len < 5) {
            return false;
        }
        int type = b[off];
        boolean known = PgNames.frontend(type) != null || PgNames.backend(type) != null;
        int length = Bytes.u32(b, off + 1);
        return known && length >= 4 && length <= (1 << 30);
    }
}
