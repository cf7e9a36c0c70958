package io.netinsights.capture.dissect.redis;

import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.Transport;
import io.netinsights.capture.testutils.TestingParserContext;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** RESP2/RESP3 framing, pairing and the JSON of Redis messages, fed directly to the parser. */
class RedisConversationTest {

    private static final int CLIENT = 0;
    private static final int SERVER = 1;

    private final TestingParserContext ctx = new TestingParserContext(1024);
    private final RedisConversation redis = new RedisConversation(ctx);

    @Test
    void everyResp3TypeHasItsNameAndValue() {
        String[][] cases = {
            {"+OK\r\n", "Simple String", null},
            {"+1.5\r\n", "Simple String", "1.5"},
            {"-ERR unknown command\r\n", "Error", "DataError: ERR unknown command"},
            {":-42\r\n", "Integer", "-42"},
            {"$5\r\nhello\r\n", "Bulk String", "hello"},
            {"$-1\r\n", "Bulk String", null},
            {"*2\r\n$1\r\na\r\n:1\r\n", "Array", "[a, 1]"},
            {"*-1\r\n", "Array", null},
            {"_\r\n", "Null", null},
            {"#t\r\n", "Boolean", "true"},
            {",3.14\r\n", "Double", "3.14"},
            {
                "(3492890328409238509324850943850943825024385\r\n",
                "Big Number",
                "3492890328409238509324850943850943825024385"
            },
            {"!21\r\nSYNTAX invalid syntax\r\n", "Bulk Error", "DataError: SYNTAX invalid syntax"},
            {"=15\r\ntxt:Some string\r\n", "Verbatim String", "Some string"},
            {"%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n", "Map", "{first: 1, second: 2}"},
            {"~2\r\n+a\r\n+b\r\n", "Set", "[a, b]"},
            {"*3\r\n:1\r\n*2\r\n+x\r\n_\r\n$0\r\n\r\n", "Array", "[1, [x, (nil)], ]"},
        };
        for (String[] c : cases) {
            send(CLIENT, "*1\r\n$4\r\nPING\r\n");
            send(SERVER, c[0]);
            assertThat(ctx.json(ctx.messages.size() - 1))
                    .as(c[0])
                    .containsEntry("type", c[1])
                    .satisfies(
                            m -> {
                                if (c[2] == null) {
                                    assertThat(m).doesNotContainKey("value");
                                } else {
                                    assertThat(m).containsEntry("value", c[2]);
                                }
                            });
        }
        assertThat(ctx.json(1)).containsEntry("keyword", "OK");
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void attributesGoWithTheReplyThatFollows() {
        send(CLIENT, "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
        String reply = "|1\r\n+key-popularity\r\n%1\r\n$1\r\nk\r\n,0.19\r\n$1\r\nv\r\n";
        send(SERVER, reply);

        assertThat(ctx.messages).hasSize(2);
        assertThat(ctx.json(1))
                .containsEntry("type", "Bulk String")
                .containsEntry("value", "v")
                .containsEntry("attributes", "{key-popularity: {k: 0.19}}");
        assertThat(ctx.messages.get(1).size()).isEqualTo(reply.length());
    }

    @Test
    void commandsAreNamedAsKubesharkNamesThem() {
        send(CLIENT, "*3\r\n$3\r\nset\r\n$1\r\nk\r\n$2\r\nv1\r\n*1\r\n$4\r\nPING\r\n");
        send(CLIENT, "*4\r\n$5\r\nHMSET\r\n$1\r\nh\r\n$1\r\na\r\n$1\r\nb\r\n");

        assertThat(ctx.json(0))
                .containsEntry("type", "Array")
                .containsEntry("command", "SET")
                .containsEntry("key", "k")
                .containsEntry("value", "v1");
        assertThat(ctx.json(1)).containsOnlyKeys("type", "command");
        assertThat(ctx.json(2)).containsEntry("value", "[a, b]");
    }

    @Test
    void pipelinedCommandsPairInOrderWhateverTheSegments() {
        String commands = "*1\r\n$4\r\nPING\r\n" + "GET x\r\n" + "*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n";
        String replies = "+PONG\r\n$-1\r\n$2\r\nhi\r\n";
        for (byte b : ascii(commands)) {
            redis.onData(CLIENT, new byte[] {b}, 0, 1, 1);
        }
        for (byte b : ascii(replies)) {
            redis.onData(SERVER, new byte[] {b}, 0, 1, 2);
        }

        assertThat(ctx.messages)
                .extracting(Message::isRequest)
                .containsExactly(true, true, true, false, false, false);
        assertThat(ctx.messages).extracting(Message::key).containsOnly(Message.IN_ORDER);
        assertThat(ctx.json(1)).containsEntry("type", "Inline Command").containsEntry("key", "x");
        assertThat(ctx.json(5)).containsEntry("value", "hi");
        assertThat(ctx.messages.get(0).size()).isEqualTo(14);
        assertThat(ctx.messages.get(5).size()).isEqualTo(8);
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void pubSubMessagesAreItemsOfTheirOwnAndConfirmationsOneResponse() {
        send(CLIENT, "*3\r\n$9\r\nSUBSCRIBE\r\n$1\r\na\r\n$1\r\nb\r\n");
        send(
                SERVER,
                "*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n"
                        + "*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n"
                        + "*3\r\n$7\r\nmessage\r\n$1\r\na\r\n$5\r\nhello\r\n");
        send(CLIENT, "*1\r\n$11\r\nUNSUBSCRIBE\r\n");
        send(
                SERVER,
                "*3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:1\r\n"
                        + "*3\r\n$11\r\nunsubscribe\r\n$1\r\nb\r\n:0\r\n");

        assertThat(ctx.messages).hasSize(6);
        assertThat(ctx.json(1)).containsEntry("value", "[[subscribe, a, 1], [subscribe, b, 2]]");
        Message push = ctx.messages.get(2);
        assertThat(push.isRequest()).isTrue();
        assertThat(push.direction()).isEqualTo(SERVER);
        assertThat(push.key()).isNotEqualTo(Message.IN_ORDER);
        assertThat(ctx.json(2))
                .containsEntry("type", "Push")
                .containsEntry("command", "MESSAGE")
                .containsEntry("key", "a")
                .containsEntry("value", "hello");
        Message pushEnd = ctx.messages.get(3);
        assertThat(push.isAnsweredBy(pushEnd)).isTrue();
        assertThat(pushEnd.json()).isNull();
        assertThat(ctx.json(5))
                .containsEntry("value", "[[unsubscribe, a, 1], [unsubscribe, b, 0]]");
    }

    @Test
    void resp3PushesDoNotShiftThePairing() {
        send(CLIENT, "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
        send(SERVER, ">2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n$1\r\nv\r\n");

        assertThat(ctx.messages)
                .extracting(Message::isRequest)
                .containsExactly(true, true, false, false);
        assertThat(ctx.json(1)).containsEntry("command", "INVALIDATE").containsEntry("key", "[k]");
        assertThat(ctx.messages.get(3).key()).isEqualTo(Message.IN_ORDER);
        assertThat(ctx.json(3)).containsEntry("value", "v");
    }

    @Test
    void monitorLinesArePushes() {
        send(CLIENT, "MONITOR\r\n");
        send(SERVER, "+OK\r\n+1700000000.1 [0 127.0.0.1:5] \"GET\" \"k\"\r\n");

        assertThat(ctx.messages).hasSize(4);
        assertThat(ctx.json(2)).containsEntry("type", "Push");
    }

    @Test
    void garbageIsCountedOnceAndParsingResumes() {
        send(CLIENT, "*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
        send(SERVER, "?what\r\nmore junk\r\n+PONG\r\n$1\r\nv\r\n");

        assertThat(ctx.parseErrors).isEqualTo(1);
        assertThat(ctx.messages).filteredOn(m -> !m.isRequest()).hasSize(2);
    }

    @Test
    void hugeBulkStringsAreMeasuredButNotKept() {
        send(CLIENT, "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
        int n = 10_000_000;
        send(SERVER, "$" + n + "\r\n");
        byte[] chunk = new byte[65536];
        java.util.Arrays.fill(chunk, (byte) 'z');
        for (int sent = 0; sent < n; sent += chunk.length) {
            redis.onData(SERVER, chunk, 0, Math.min(chunk.length, n - sent), 3);
        }
        send(SERVER, "\r\n");

        assertThat(ctx.messages).hasSize(2);
        assertThat(ctx.messages.get(1).size()).isEqualTo(n + 13);
        assertThat((String) ctx.json(1).get("value")).hasSize(1024);
        assertThat(ctx.json(1)).containsEntry("truncated", true);
    }

    @Test
    void connectionEndingInsideAReplyIsAParseError() {
        send(CLIENT, "*1\r\n$4\r\nPING\r\n");
        send(SERVER, "$10\r\nabc");
        redis.onEnd(SERVER, 5);

        assertThat(ctx.parseErrors).isEqualTo(1);
    }

    @Test
    void scoreByContentAndPort() {
        RedisDissector d = new RedisDissector();
        byte[] cmd = ascii("*1\r\n$4\r\nPING\r\n");
        byte[] inline = ascii("PING\r\n");
        byte[] http = ascii("GET / HTTP/1.1\r\n");

        assertThat(d.score(Transport.TCP, 40000, 7777, cmd, 0, cmd.length))
                .isEqualTo(Dissector.CONTENT_MATCH);
        assertThat(d.score(Transport.TCP, 40000, 6379, inline, 0, inline.length))
                .isEqualTo(Dissector.CONTENT_MATCH);
        assertThat(d.score(Transport.TCP, 40000, 7777, inline, 0, inline.length))
                .isEqualTo(Dissector.NO_MATCH);
        assertThat(d.score(Transport.TCP, 40000, 7777, http, 0, http.length))
                .isEqualTo(Dissector.NO_MATCH);
        assertThat(d.score(Transport.TCP, 6379, 40000, new byte[] {0, 1}, 0, 2))
                .isEqualTo(Dissector.PORT_MATCH);
        assertThat(d.score(Transport.UDP, 40000, 6379, cmd, 0, cmd.length))
                .isEqualTo(Dissector.NO_MATCH);
    }

    private void send(int direction, String s) {
        byte[] b = ascii(s);
        redis.onData(direction, b, 0, b.length, direction == CLIENT ? 1 : 2);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
