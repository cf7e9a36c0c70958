package io.netinsights.capture.dissect.postgres;

import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.Transport;
import io.netinsights.capture.testutils.TestingParserContext;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random bytes, and valid PostgreSQL messages of both sides with bytes changed, cut and shuffled,
 * fed in random pieces to the PostgreSQL dissector: nothing may throw, bad input shows as parse
 * errors, and every message emitted is valid JSON.
 */
class PostgresFuzzTest {

    private static final byte[][] CLIENT = {
        TestingPgMessages.startup("u", "d"),
        TestingPgMessages.sslRequest(),
        TestingPgMessages.query("SELECT 1"),
        TestingPgMessages.parse("s", "SELECT $1"),
        TestingPgMessages.bind("", "s", "1", null),
        TestingPgMessages.describePortal(""),
        TestingPgMessages.execute(""),
        TestingPgMessages.sync(),
        TestingPgMessages.body().int32(7).typed('F'),
    };

    private static final byte[][] SERVER = {
        TestingPgMessages.auth(0),
        TestingPgMessages.parameterStatus("a", "b"),
        TestingPgMessages.ready('I'),
        TestingPgMessages.rowDescription("x", "y"),
        TestingPgMessages.dataRow("1", "2"),
        TestingPgMessages.commandComplete("SELECT 1"),
        TestingPgMessages.error("ERROR", "42000", "bad"),
        TestingPgMessages.notice("n"),
        TestingPgMessages.empty('1'),
        {'N'},
        {'S'},
    };

    @Test
    void randomAndMutatedMessagesNeverThrow() {
        Random random = new Random(17);
        PostgresDissector dissector = new PostgresDissector();
        long messages = 0;
        long errors = 0;
        for (int round = 0; round < 4000; round++) {
            byte[] client = mutate(pick(CLIENT, random), random);
            byte[] server = mutate(pick(SERVER, random), random);
            dissector.score(Transport.TCP, 1, 2, client, 0, client.length);
            TestingParserContext ctx = new TestingParserContext(1 + random.nextInt(128));
            PostgresConversation conv = new PostgresConversation(ctx);
            feed(conv, 0, client, random);
            feed(conv, 1, server, random);
            conv.onEnd(0, 5);
            conv.onEnd(1, 5);
            for (Message m : ctx.messages) {
                assertThat(ItemJson.parseObject(m.json())).containsKeys("type", "messageCount");
            }
            messages += ctx.messages.size();
            errors += ctx.parseErrors;
        }
        assertThat(messages).isPositive();
        assertThat(errors).isPositive();
    }

    private static byte[] pick(byte[][] samples, Random random) {
        byte[] out = new byte[0];
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            byte[] m = samples[random.nextInt(samples.length)];
            byte[] next = Arrays.copyOf(out, out.length + m.length);
            System.arraycopy(m, 0, next, out.length, m.length);
            out = next;
        }
        return out;
    }

    private static byte[] mutate(byte[] b, Random random) {
        int kind = random.nextInt(5);
        if (kind == 0) {
            byte[] r = new byte[random.nextInt(200)];
            random.nextBytes(r);
            return r;
        }
        if (kind == 1 && b.length > 0) {
            return Arrays.copyOf(b, random.nextInt(b.length));
        }
        for (int i = 0, n = random.nextInt(4); i < n && b.length > 0; i++) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static void feed(PostgresConversation conv, int direction, byte[] b, Random random) {
        int i = 0;
        while (i < b.length) {
            int n = 1 + random.nextInt(Math.min(40, b.length - i));
            conv.onData(direction, b, i, n, i);
            i += n;
        }
    }
}
