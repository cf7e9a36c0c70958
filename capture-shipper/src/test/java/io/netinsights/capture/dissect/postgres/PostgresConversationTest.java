package io.netinsights.capture.dissect.postgres;

import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.Transport;
import io.netinsights.capture.testutils.TestingParserContext;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.netinsights.capture.dissect.postgres.TestingPgMessages.auth;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.bind;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.commandComplete;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.concat;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.dataRow;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.describePortal;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.empty;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.error;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.execute;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.notice;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.parameterStatus;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.parse;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.query;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.ready;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.rowDescription;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.sslRequest;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.startup;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.sync;
import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL round trips (startup, encryption requests, simple and extended query, errors). */
class PostgresConversationTest {

    private static final int CLIENT = 0;
    private static final int SERVER = 1;

    private final TestingParserContext ctx = new TestingParserContext(1024);
    private final PostgresConversation pg = new PostgresConversation(ctx);

    @Test
    void startupWithPasswordIsOneRoundTrip() {
        send(CLIENT, startup("alice", "shop"));
        send(SERVER, auth(5));
        send(CLIENT, TestingPgMessages.body().cstring("md5abc").typed('p'));
        send(
                SERVER,
                concat(
                        auth(0),
                        parameterStatus("server_version", "16.2"),
                        TestingPgMessages.body().int32(4242).int32(7).typed('K'),
                        ready('I')));

        assertThat(ctx.messages).extracting(Message::isRequest).containsExactly(true, false);
        assertThat(ctx.json(0))
                .containsEntry("type", "Startup")
                .containsEntry("protocolVersion", "3.0")
                .containsEntry("user", "alice")
                .containsEntry("database", "shop")
                .containsEntry("messages", List.of("StartupMessage"));
        assertThat(ctx.json(1))
                .containsEntry("authentication", "Ok")
                .containsEntry("parameters", Map.of("server_version", "16.2"))
                .containsEntry("backendPid", 4242)
                .containsEntry("transactionStatus", "idle")
                .containsEntry("messageCount", 5);
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void sslRefusedThenStartup() {
        send(CLIENT, sslRequest());
        send(SERVER, new byte[] {'N'});
        send(CLIENT, startup("bob", "db"));
        send(SERVER, concat(auth(0), ready('I')));

        assertThat(ctx.messages).hasSize(4);
        assertThat(ctx.json(0)).containsEntry("type", "SSLRequest");
        assertThat(ctx.json(1))
                .containsEntry("encryptionAccepted", false)
                .containsEntry("messages", List.of("EncryptionRefused"));
        assertThat(ctx.json(2)).containsEntry("user", "bob");
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void sslAcceptedEndsTheParsing() {
        send(CLIENT, sslRequest());
        send(SERVER, new byte[] {'S'});
        send(CLIENT, new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5});
        send(SERVER, new byte[] {0x16, 0x03, 0x03, 0x00, 0x01, 9});

        assertThat(ctx.messages).hasSize(2);
        assertThat(ctx.json(1)).containsEntry("encryptionAccepted", true);
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void extendedQueryUpToSync() {
        byte[] request =
                concat(
                        parse("s1", "SELECT name FROM t WHERE id = $1 OR id = $2"),
                        bind("", "s1", "42", null),
                        describePortal(""),
                        execute(""),
                        sync());
        for (byte b : request) {
            pg.onData(CLIENT, new byte[] {b}, 0, 1, 1);
        }
        send(
                SERVER,
                concat(
                        empty('1'),
                        empty('2'),
                        rowDescription("name"),
                        dataRow("a"),
                        dataRow("b"),
                        commandComplete("SELECT 2"),
                        ready('T')));

        assertThat(ctx.json(0))
                .containsEntry("type", "ExtendedQuery")
                .containsEntry("query", "SELECT name FROM t WHERE id = $1 OR id = $2")
                .containsEntry("statement", "s1")
                .containsEntry("portal", "")
                .containsEntry("parameters", java.util.Arrays.asList("42", null))
                .containsEntry("messages", List.of("Parse", "Bind", "Describe", "Execute", "Sync"));
        assertThat(ctx.messages.get(0).size()).isEqualTo(request.length);
        assertThat(ctx.json(1))
                .containsEntry("type", "CommandComplete")
                .containsEntry("command", "SELECT 2")
                .containsEntry("columns", List.of("name"))
                .containsEntry("rows", 2)
                .containsEntry("transactionStatus", "inTransaction")
                .containsEntry("messageCount", 7);
    }

    @Test
    void pipelinedSyncsPairInOrder() {
        send(
                CLIENT,
                concat(
                        parse("", "INSERT 1"),
                        bind("", ""),
                        execute(""),
                        sync(),
                        parse("", "INSERT 2"),
                        bind("", ""),
                        execute(""),
                        sync()));
        send(
                SERVER,
                concat(
                        empty('1'),
                        empty('2'),
                        commandComplete("INSERT 0 1"),
                        ready('I'),
                        empty('1'),
                        error("ERROR", "23505", "duplicate key"),
                        ready('I')));

        assertThat(ctx.messages)
                .extracting(Message::isRequest)
                .containsExactly(true, true, false, false);
        assertThat(ctx.json(1)).containsEntry("query", "INSERT 2");
        assertThat(ctx.json(2)).containsEntry("command", "INSERT 0 1");
        assertThat(ctx.json(3))
                .containsEntry("type", "ErrorResponse")
                .containsEntry(
                        "error",
                        Map.of(
                                "severity", "ERROR",
                                "code", "23505",
                                "message", "duplicate key",
                                "hint", "a hint"));
    }

    @Test
    void multiStatementQueryAndNotices() {
        send(SERVER, notice("between round trips")); // asynchronous: no item
        send(CLIENT, query("SELECT 1; SELECT 2"));
        send(
                SERVER,
                concat(
                        rowDescription("a"),
                        dataRow("1"),
                        commandComplete("SELECT 1"),
                        notice("inside"),
                        rowDescription("b"),
                        dataRow("2"),
                        commandComplete("SELECT 1"),
                        ready('I')));

        assertThat(ctx.messages).hasSize(2);
        assertThat(ctx.json(1))
                .containsEntry("commandTags", List.of("SELECT 1", "SELECT 1"))
                .containsEntry("columns", List.of("a"))
                .containsEntry("rows", 2)
                .containsEntry("notices", 1);
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void anUnknownTypeByteIsOneParseErrorAndStopsTheDirection() {
        send(CLIENT, query("SELECT 1"));
        send(SERVER, concat(new byte[] {'!', 0, 0, 0, 4}, ready('I')));

        assertThat(ctx.parseErrors).isEqualTo(1);
        assertThat(ctx.messages).hasSize(1);
    }

    @Test
    void scoreByContentAndPort() {
        PostgresDissector d = new PostgresDissector();
        byte[] startup = startup("u", "d");
        byte[] ssl = sslRequest();
        byte[] q = query("SELECT 1");
        byte[] text = "hello world".getBytes();

        assertThat(d.score(Transport.TCP, 40000, 1234, startup, 0, startup.length))
                .isEqualTo(Dissector.CONTENT_MATCH);
        assertThat(d.score(Transport.TCP, 40000, 1234, ssl, 0, ssl.length))
                .isEqualTo(Dissector.CONTENT_MATCH);
        assertThat(d.score(Transport.TCP, 40000, 1234, q, 0, q.length))
                .isEqualTo(Dissector.CONTENT_MATCH);
        assertThat(d.score(Transport.TCP, 40000, 1234, q, 0, q.length - 1))
                .isEqualTo(Dissector.NO_MATCH);
        assertThat(d.score(Transport.TCP, 40000, 5432, text, 0, text.length))
                .isEqualTo(Dissector.PORT_MATCH);
        assertThat(d.score(Transport.TCP, 40000, 1234, text, 0, text.length))
                .isEqualTo(Dissector.NO_MATCH);
    }

    private void send(int direction, byte[] b) {
        pg.onData(direction, b, 0, b.length, direction == CLIENT ? 1 : 2);
    }
}
