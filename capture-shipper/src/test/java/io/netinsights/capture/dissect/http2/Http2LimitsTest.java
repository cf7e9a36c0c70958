package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.testutils.TestingHttp2;
import io.netinsights.capture.testutils.TestingParserContext;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static io.netinsights.capture.dissect.http2.Http2ConversationTest.run;
import static io.netinsights.capture.testutils.TestingHttp2.END_HEADERS;
import static io.netinsights.capture.testutils.TestingHttp2.HEADERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory stays bounded whatever a connection sends: header lists and bodies kept per connection.
 */
class Http2LimitsTest {

    @Test
    void headerBlockThatRepeatsALargeEntryIsCapped() {
        TestingHttp2 client = new TestingHttp2().preface();
        char[] big = new char[3000];
        Arrays.fill(big, 'x');
        client.headers(1, true, ":method", "GET", ":path", "/", "x-big", new String(big));
        byte[] bomb = new byte[2000];
        Arrays.fill(bomb, (byte) 0xbe); // 2000 references to entry 62, 6 MB of fields
        client.frame(HEADERS, END_HEADERS | 1, 3, bomb);

        TestingParserContext c = run(client.bytes(), new byte[0], 1 << 20);

        assertThat(c.parseErrors).isEqualTo(1);
        assertThat(c.messages).hasSize(2);
        String joined = (String) ((Map<?, ?>) c.json(1).get("headers")).get("X-Big");
        assertThat(joined.length()).isLessThanOrEqualTo(HeaderList.MAX_SIZE);
    }

    @Test
    void bodiesOfStreamsRunningSideBySideShareABudget() {
        int streams = Http2Conversation.BODY_BUDGET_BODIES + 4;
        TestingHttp2 client = new TestingHttp2().preface();
        for (int i = 0; i < streams; i++) {
            client.headers(
                    1 + 2 * i,
                    false,
                    ":method",
                    "PUT",
                    ":path",
                    "/" + i,
                    "content-type",
                    "text/plain");
        }
        byte[] body = new byte[Http2ConversationTest.MAX_BODY];
        Arrays.fill(body, (byte) 'a');
        for (int i = 0; i < streams; i++) {
            client.data(1 + 2 * i, true, body);
        }

        TestingParserContext c = run(client.bytes(), new byte[0], 1 << 20);

        assertThat(c.messages).hasSize(streams);
        assertThat(c.json(0)).containsEntry("bodySize", body.length);
        assertThat(postText(c, 0)).hasSize(body.length);
        int last = streams - 1;
        assertThat(c.json(last)).containsEntry("bodySize", body.length);
        assertThat(postText(c, last)).as("over the budget: measured, not kept").isEmpty();
    }

    private static String postText(TestingParserContext c, int i) {
        return (String) ((Map<?, ?>) c.json(i).get("postData")).get("text");
    }
}
