package io.netinsights.assistant.llm;

import io.netinsights.assistant.Answer;
import io.netinsights.assistant.AskOptions;
import io.netinsights.assistant.Assistant;
import io.netinsights.assistant.eval.World;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model path against a local OpenAI-compatible server replaying recorded answers: ES6 syntax is
 * repaired, a helper that does not exist is never returned as valid, and no credential of the
 * traffic sample reaches the model.
 */
class ModelPathTest {
    static final String GOOD =
            """
            // Count HTTP Requests per Method
            var counts = {};
            var totals = {};
            function onItemCaptured(data) {
                if (data.protocol.name !== "http") {
                    return;
                }
                counts[data.request.method] = (counts[data.request.method] || 0) + 1;
            }
            function ship() {
                if (utils.nodeName() !== "hub" && Object.keys(counts).length > 0) {
                    hub.action("methods", counts);
                    counts = {};
                }
            }
            function onHubAction(action, object) {
                if (action === "methods") {
                    totals = wrapper.joinMaps(totals, object);
                }
            }
            function report() {
                if (utils.nodeName() === "hub") {
                    var keys = Object.keys(totals).sort();
                    for (var i = 0; i < keys.length; i++) {
                        console.log(keys[i] + ": " + totals[keys[i]]);
                    }
                }
            }
            jobs.schedule("ship", "*/10 * * * * *", ship);
            jobs.schedule("report", "*/10 * * * * *", report);
            """;

    static final String ES6 =
            GOOD.replace("var counts = {};", "let counts = {};")
                    .replace(
                            "console.log(keys[i] + \": \" + totals[keys[i]]);",
                            "console.log(`${keys[i]}: ${totals[keys[i]]}`);");

    static final String UNKNOWN_HELPER =
            GOOD.replace(
                    "hub.action(\"methods\", counts);", "vendor.splunk.send(\"methods\", counts);");

    private static AskOptions options(TestingModelServer server) {
        LlmSettings s =
                LlmSettings.of(
                        server.baseUrl(),
                        "replay",
                        "openai",
                        Map.of("NETINSIGHTS_LLM_API_KEY", "test-key"));
        return AskOptions.builder().model(new Langchain4jChatClient(s)).preferModel(true).build();
    }

    @Test
    void es6SyntaxIsRepaired() throws Exception {
        try (TestingModelServer server =
                new TestingModelServer(
                        List.of(TestingModelServer.fenced(ES6), TestingModelServer.fenced(GOOD)))) {
            Answer a =
                    Assistant.standard().ask("How many HTTP requests per method?", options(server));
            assertThat(a.status()).as(a.summary()).isEqualTo(Answer.Status.SCRIPT);
            assertThat(a.source()).isEqualTo(Answer.MODEL);
            assertThat(a.repairRounds()).isEqualTo(1);
            assertThat(a.code()).doesNotContain("let ").doesNotContain("=>");
            assertThat(a.dryRun().logLines()).anyMatch(l -> l.startsWith("[hub] GET: "));
            List<JsonNode> requests = server.requests();
            assertThat(requests).hasSize(2);
            String repair = requests.get(1).toString();
            assertThat(repair)
                    .contains("The script failed these checks")
                    .contains("es6")
                    .containsIgnoringCase("let");
        }
    }

    @Test
    void unknownHelperIsNeverReturnedAsValid() throws Exception {
        try (TestingModelServer server =
                new TestingModelServer(List.of(TestingModelServer.fenced(UNKNOWN_HELPER)))) {
            Answer a =
                    Assistant.standard().ask("How many HTTP requests per method?", options(server));
            assertThat(a.status()).isEqualTo(Answer.Status.FAILED);
            assertThat(a.code()).isNull();
            assertThat(a.repairRounds()).isEqualTo(3);
            assertThat(a.problems()).anyMatch(p -> p.contains("unknown helper vendor.splunk"));
            assertThat(server.requests()).hasSize(4);
        }
    }

    @Test
    void unknownHelperIsRepairedWhenTheModelFixesIt() throws Exception {
        try (TestingModelServer server =
                new TestingModelServer(
                        List.of(
                                TestingModelServer.fenced(UNKNOWN_HELPER),
                                TestingModelServer.fenced(GOOD)))) {
            Answer a =
                    Assistant.standard().ask("How many HTTP requests per method?", options(server));
            assertThat(a.status()).isEqualTo(Answer.Status.SCRIPT);
            assertThat(a.code()).doesNotContain("splunk");
            assertThat(server.requests().get(1).toString())
                    .contains("unknown helper vendor.splunk.send");
        }
    }

    @Test
    void promptCarriesTheApiIndexExamplesAndRedactedTrafficOnly() throws Exception {
        try (TestingModelServer server =
                new TestingModelServer(List.of(TestingModelServer.fenced(GOOD)))) {
            Assistant.standard().ask("Identify the top 5 DNS consumers", options(server));
            String prompt = server.requests().get(0).toString();
            assertThat(prompt)
                    .contains("vendor.kinesis.put(stream, payload, region, keyId?, secret?)")
                    .contains("onItemCaptured(data)")
                    .contains("request.questions[].name")
                    .contains("Vetted scripts for similar questions")
                    .contains("Top N by any field")
                    .contains("Identify the top 5 DNS consumers");
            assertThat(prompt).doesNotContain(World.SECRET_MARK).doesNotContain(World.CARD_NUMBER);
        }
    }

    @Test
    void followUpGoesBackToTheModelWithTheScript() throws Exception {
        try (TestingModelServer server =
                new TestingModelServer(List.of(TestingModelServer.fenced(GOOD)))) {
            AskOptions o = options(server);
            Answer first = Assistant.standard().ask("How many HTTP requests per method?", o);
            Answer second = Assistant.standard().refine(first, "only namespace shop", o);
            assertThat(second.status()).isEqualTo(Answer.Status.SCRIPT);
            assertThat(server.requests().get(1).toString())
                    .contains("Here is the current script")
                    .contains("only namespace shop");
        }
    }
}
