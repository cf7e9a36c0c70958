package io.netinsights.assistant;

import io.netinsights.assistant.eval.Evaluator;
import io.netinsights.assistant.eval.Question;
import io.netinsights.assistant.eval.QuestionSet;
import io.netinsights.assistant.eval.TrafficGenerator;
import io.netinsights.js.validate.ScriptValidator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seven seed requests of the assistant's issue, worded as users wrote them: each yields a
 * script that validates, runs on the generated traffic and gives the expected answer.
 */
class SeedRequestsTest {
    static final Map<String, String> SEEDS =
            Map.of(
                    "Identify the top 5 DNS consumers", "top-n",
                    "Report the theoretical impact of network policies on live pods",
                            "netpol-impact",
                    "Show pods and processes with external connections", "external-connections",
                    "Highlight pods with no network activity", "idle-pods",
                    "Report API latency anomalies", "latency-anomalies",
                    "Export traffic for API security scanning", "har-export",
                    "Record traffic and upload it to an immutable datastore", "s3-record");

    @Test
    void eachSeedRequestYieldsAValidatedScriptThatGivesTheExpectedAnswer() {
        // The dry run of each answer runs on the generated traffic (with its env and pods), so
        // its output is checked against the expected answer directly.
        Evaluator evaluator = Evaluator.offline(TrafficGenerator.standard());
        List<Question> seeds =
                QuestionSet.shipped().stream()
                        .filter(q -> SEEDS.containsKey(q.question()))
                        .toList();
        assertThat(seeds).hasSize(7);
        for (Question q : seeds) {
            Answer a = Assistant.standard().ask(q.question(), AskOptions.defaults());
            assertThat(a.status())
                    .as(q.question() + "\n" + a.summary())
                    .isEqualTo(Answer.Status.SCRIPT);
            assertThat(a.source()).isEqualTo(SEEDS.get(q.question()));
            assertThat(ScriptValidator.validate("seed.js", a.code()).ok()).isTrue();
            assertThat(a.dryRun().ok()).isTrue();
            assertThat(a.explanation())
                    .contains("Hooks: onItemCaptured (workers)")
                    .contains("Jobs: ");
            assertThat(evaluator.verdict(q, a.dryRun())).as(q.question()).isEmpty();
        }
    }

    @Test
    void topDnsAnswerExplainsItsParameters() {
        Answer a =
                Assistant.standard().ask("Identify the top 5 DNS consumers", AskOptions.defaults());
        assertThat(a.slots())
                .containsEntry("n", 5L)
                .containsEntry("protocol", "dns")
                .containsEntry("groupBy", "client");
        assertThat(a.explanation())
                .contains("n = 5")
                .contains("from \"top 5\"")
                .contains("protocol = DNS")
                .contains("hub.action [emit]")
                .contains("cron \"*/10 * * * * *\"");
        assertThat(a.dryRun().finalReport()).first().asString().startsWith("Top 5 by count");
    }
}
