package io.netinsights.capture.dissect.redis;

import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.Transport;
import io.netinsights.capture.testutils.TestingParserContext;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random bytes, and valid RESP with bytes changed, cut and repeated, fed in random pieces to the
 * Redis dissector: nothing may throw, bad input shows as parse errors, and every message emitted is
 * valid JSON.
 */
class RedisFuzzTest {

    private static final String[] SAMPLES = {
        "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n",
        "PING\r\nGET key\r\n",
        "*2\r\n$9\r\nSUBSCRIBE\r\n$1\r\nc\r\n",
        "+OK\r\n-ERR x\r\n:12\r\n$-1\r\n*-1\r\n_\r\n#f\r\n,1.5\r\n(12345\r\n",
        "!3\r\nbad\r\n=7\r\ntxt:abc\r\n%1\r\n+k\r\n*1\r\n:1\r\n~1\r\n+s\r\n",
        "|1\r\n+a\r\n+b\r\n>3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n",
        "*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$2\r\nhi\r\n",
    };

    @Test
    void randomAndMutatedInputNeverThrows() {
        Random random = new Random(11);
        RedisDissector dissector = new RedisDissector();
        long errors = 0;
        long messages = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] client = input(random);
            byte[] server = input(random);
            dissector.score(Transport.TCP, 1, 6379, client, 0, client.length);
            TestingParserContext ctx = new TestingParserContext(1 + random.nextInt(256));
            RedisConversation conv = new RedisConversation(ctx);
            feed(conv, 0, client, random);
            feed(conv, 1, server, random);
            feed(conv, 0, client, random);
            conv.onEnd(0, 9);
            conv.onEnd(1, 9);
            for (Message m : ctx.messages) {
                if (m.json() != null) {
                    assertThat(ItemJson.parseObject(m.json())).containsKey("type");
                }
            }
            errors += ctx.parseErrors;
            messages += ctx.messages.size();
        }
        assertThat(errors).isPositive();
        assertThat(messages).isPositive();
    }

    private static byte[] input(Random random) {
        if (random.nextInt(4) == 0) {
            byte[] b = new byte[random.nextInt(300)];
            random.nextBytes(b);
            return b;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            sb.append(SAMPLES[random.nextInt(SAMPLES.length)]);
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0, n = random.nextInt(4); i < n && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            b[at] =
                    random.nextBoolean()
                            ? (byte) random.nextInt(256)
                            : (byte) "*$:\r\n-9".charAt(random.nextInt(7));
        }
        return random.nextInt(5) == 0
                ? java.util.Arrays.copyOf(b, random.nextInt(b.length + 1))
                : b;
    }

    /** Feeds {@code b} in random pieces. */
    static void feed(RedisConversation conv, int direction, byte[] b, Random random) {
        int i = 0;
        while (i < b.length) {
            int n = 1 + random.nextInt(Math.min(64, b.length - i));
            conv.onData(direction, b, i, n, i);
            i += n;
        }
    }
}
