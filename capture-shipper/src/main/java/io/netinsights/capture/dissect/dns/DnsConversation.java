package io.netinsights.capture.dissect.dns;

import io.netinsights.capture.decode.Bytes;
import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.ParserContext;
import io.netinsights.capture.dissect.ProtocolSpec;

import java.util.Arrays;

/**
 * DNS messages of one UDP conversation (one message per datagram) or TCP connection (each message
 * behind a 2-byte length, RFC 1035 section 4.2.2). Messages are keyed by transaction id for
 * pairing. After a TCP gap the direction's partial message is dropped and bytes are discarded until
 * a length prefix is followed by a plausible header and a message of exactly that length that
 * parses; a message the gap took simply never pairs (a query left alone becomes {@code
 * pair-not-found}).
 */
final class DnsConversation implements ConversationParser {

    private final ParserContext context;
    private final ProtocolSpec protocol;
    private final boolean tcp;
    private final byte[][] pending = new byte[2][];
    private final int[] pendingSize = new int[2];
    private final long[] pendingStart = new long[2];
    private final boolean[] resyncing = new boolean[2];

    DnsConversation(ParserContext context, ProtocolSpec protocol, boolean tcp) {
        this.context = context;
        this.protocol = protocol;
        this.tcp = tcp;
    }

    @Override
    public void onData(int direction, byte[] buf, int off, int len, long tsMicros) {
        if (!tcp) {
            message(direction, buf, off, len, tsMicros, len);
            return;
        }
        if (pendingSize[direction] == 0) {
            pendingStart[direction] = tsMicros;
        }
        append(direction, buf, off, len);
        drainFrames(direction);
    }

    @Override
    public void onGap(int direction, long lost, long tsMicros) {
        if (tcp) {
            pendingSize[direction] = 0;
            resyncing[direction] = true;
        }
    }

    @Override
    public void onEnd(int direction, long tsMicros) {
        if (pendingSize[direction] > 0 && !resyncing[direction]) {
            context.parseError(); // the connection ended inside a message
            pendingSize[direction] = 0;
        }
        pending[direction] = null;
    }

    private void append(int d, byte[] buf, int off, int len) {
        byte[] p = pending[d];
        int size = pendingSize[d];
        if (p == null || size + len > p.length) {
            p = Arrays.copyOf(p == null ? new byte[0] : p, Math.max(size + len, 512));
            pending[d] = p;
        }
        System.arraycopy(buf, off, p, size, len);
        pendingSize[d] = size + len;
    }

    private void drainFrames(int d) {
        byte[] p = pending[d];
        int at = 0;
        int size = pendingSize[d];
        if (resyncing[d]) {
            at = resync(d, p, size);
        }
        while (!resyncing[d] && size - at >= 2) {
            int length = Bytes.u16(p, at);
            if (size - at < 2 + length) {
                break;
            }
            message(d, p, at + 2, length, pendingStart[d], 2 + length);
            at += 2 + length;
        }
        if (at > 0) {
            System.arraycopy(p, at, p, 0, size - at);
            pendingSize[d] = size - at;
        }
    }

    /**
     * After a gap: the offset of the first message that parses in full, or, while none does yet, of
     * the first candidate that needs more bytes to tell (the bytes before it are dropped). A later
     * candidate that parses wins over an earlier one still undecided, so a bogus length cannot hold
     * the direction up.
     */
    private int resync(int d, byte[] p, int size) {
        int undecided = -1;
        for (int i = 0; size - i >= 2; i++) {
            int found = frameStart(p, i, size);
            if (found > 0) {
                resyncing[d] = false;
                return i;
            }
            if (found == 0 && undecided < 0) {
                undecided = i;
            }
        }
        return undecided >= 0 ? undecided : Math.max(0, size - 1);
    }

    /** After a gap: 1 if a message starts at {@code at}, -1 if not, 0 if more bytes must tell. */
    private static int frameStart(byte[] p, int at, int size) {
        int length = Bytes.u16(p, at);
        if (length < 12) {
            return -1;
        }
        if (size - at < 2 + 12) {
            return 0;
        }
        if (!DnsDissector.plausibleHeader(p, at + 2)) {
            return -1;
        }
        if (size - at < 2 + length) {
            return 0;
        }
        DnsMessage m = DnsMessage.parse(p, at + 2, length);
        return m != null && m.complete && m.consumed == length ? 1 : -1;
    }

    private void message(int direction, byte[] b, int off, int len, long tsMicros, int size) {
        DnsMessage m = DnsMessage.parse(b, off, len);
        if (m == null) {
            context.parseError();
            return;
        }
        if (!m.complete) {
            context.parseError();
        }
        context.emit(
                new Message(protocol, !m.response, direction, m.id, tsMicros, size, m.toJson()));
    }
}
