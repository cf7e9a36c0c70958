package io.netinsights.capture.dissect.redis;

import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.ParserContext;
import io.netinsights.capture.dissect.ProtocolSpec;
import io.netinsights.capture.dissect.Transport;

import java.util.List;

/**
 * Redis over TCP (RESP2 and RESP3). On any port, a flow is Redis when its first payload starts like
 * a command array ({@code *<n>\r\n$<len>\r\n}); on the Redis ports (6379, 6380, 16379, 26379) a
 * line that starts with a RESP type byte or an inline command word is enough, and the port alone
 * still suggests Redis for a capture that starts mid-reply.
 */
public final class RedisDissector implements Dissector {

    static final ProtocolSpec REDIS =
            new ProtocolSpec(
                    "redis",
                    "3.x",
                    "REDIS",
                    "Redis Serialization Protocol",
                    "redis",
                    "tcp",
                    List.of("6379"));

    private static final int[] PORTS = {6379, 6380, 16379, 26379};

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public int score(Transport transport, int srcPort, int dstPort, byte[] b, int off, int len) {
        if (transport != Transport.TCP || len <= 0) {
            return NO_MATCH;
        }
        if (looksLikeCommandArray(b, off, len)) {
            return CONTENT_MATCH;
        }
        if (!isRedisPort(srcPort) && !isRedisPort(dstPort)) {
            return NO_MATCH;
        }
        byte first = b[off];
        boolean plausible = RespSyntax.isTypeByte(first) || isAsciiLetter(first);
        return plausible && hasLineEnd(b, off, len) ? CONTENT_MATCH : PORT_MATCH;
    }

    @Override
    public ConversationParser newParser(Transport transport, ParserContext context) {
        return new RedisConversation(context);
    }

    static boolean isAsciiLetter(byte c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isRedisPort(int port) {
        for (int p : PORTS) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    /** {@code *<digits>\r\n$<digit>}: the start of a command as every client library sends it. */
    private static boolean looksLikeCommandArray(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        if (b[i++] != '*') {
            return false;
        }
        int digits = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9' && digits < 10) {
            i++;
            digits++;
        }
        return digits > 0
                && i + 3 < end
                && b[i] == '\r'
                && b[i + 1] == '\n'
                && b[i + 2] == '$'
                && b[i + 3] >= '0'
                && b[i + 3] <= '9';
    }

    private static boolean hasLineEnd(byte[] b, int off, int len) {
        int end = Math.min(off + len, off + RespLine.MAX);
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                return true;
            }
        }
        return false;
    }
}
