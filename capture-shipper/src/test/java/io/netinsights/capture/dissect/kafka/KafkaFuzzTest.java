package io.netinsights.capture.dissect.kafka;

import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.Transport;
import io.netinsights.capture.testutils.TestingParserContext;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random bytes, and valid Kafka frames with bytes changed and cut, fed in random pieces to the
 * Kafka dissector for every API key and many versions: nothing may throw, bad input shows as parse
 * errors or truncated payloads, and every message emitted is valid JSON.
 */
class KafkaFuzzTest {

    @Test
    void randomAndMutatedFramesNeverThrow() {
        Random random = new Random(13);
        KafkaDissector dissector = new KafkaDissector();
        long messages = 0;
        long errors = 0;
        for (int round = 0; round < 4000; round++) {
            int apiKey =
                    random.nextInt(4) == 0
                            ? random.nextInt(95)
                            : List.of(0, 1, 3, 18).get(random.nextInt(4));
            int version = random.nextInt(18);
            boolean flexible = KafkaApis.isFlexible(apiKey, version);
            byte[] client = mutate(requests(apiKey, version, flexible, random), random);
            byte[] broker = mutate(responses(apiKey, version, flexible, random), random);
            dissector.score(Transport.TCP, 1, 2, client, 0, client.length);
            TestingParserContext ctx = new TestingParserContext(64);
            KafkaConversation conv = new KafkaConversation(ctx);
            feed(conv, 0, client, random);
            feed(conv, 1, broker, random);
            conv.onEnd(0, 5);
            conv.onEnd(1, 5);
            for (Message m : ctx.messages) {
                if (m.json() != null) { // null: the response to a Produce with acks=0
                    assertThat(ItemJson.parseObject(m.json()))
                            .containsKeys("correlationID", "payload");
                }
            }
            messages += ctx.messages.size();
            errors += ctx.parseErrors;
        }
        assertThat(messages).isPositive();
        assertThat(errors).isPositive();
    }

    /** One to three requests of random content behind a valid header. */
    private static byte[] requests(int apiKey, int version, boolean flexible, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            TestingKafkaFrames f = TestingKafkaFrames.request(apiKey, version, i, "fuzz", flexible);
            body(f, flexible, random);
            out.writeBytes(f.frame());
        }
        return out.toByteArray();
    }

    private static byte[] responses(int apiKey, int version, boolean flexible, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            TestingKafkaFrames f = TestingKafkaFrames.response(i, flexible && apiKey != 18);
            body(f, flexible, random);
            out.writeBytes(f.frame());
        }
        return out.toByteArray();
    }

    /** Plausible fields: small arrays, short strings, and random numbers. */
    private static void body(TestingKafkaFrames f, boolean flexible, Random random) {
        for (int i = 0, n = random.nextInt(12); i < n; i++) {
            switch (random.nextInt(6)) {
                case 0:
                    f.array(random.nextInt(3), flexible);
                    break;
                case 1:
                    f.string("t" + random.nextInt(100), flexible);
                    break;
                case 2:
                    f.int32(random.nextInt());
                    break;
                case 3:
                    f.int16(random.nextInt(5));
                    break;
                case 4:
                    f.bytes(
                            TestingKafkaFrames.recordBatch(
                                    1 + random.nextInt(3), 61 + random.nextInt(40)),
                            flexible);
                    break;
                default:
                    f.tags();
            }
        }
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
        for (int i = 0, n = random.nextInt(5); i < n && b.length > 0; i++) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static void feed(KafkaConversation conv, int direction, byte[] b, Random random) {
        int i = 0;
        while (i < b.length) {
            int n = 1 + random.nextInt(Math.min(100, b.length - i));
            conv.onData(direction, b, i, n, i);
            i += n;
        }
    }
}
