package io.netinsights.assistant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Follow-ups re-fill the last answer's slots and regenerate; unrelated ones start over. */
class RefineTest {
    private final AskOptions offline = AskOptions.builder().dryRun(false).build();

    @Test
    void followUpsChangeOnlyWhatTheyMention() {
        Answer first = Assistant.standard().ask("Identify the top 5 DNS consumers", offline);
        Answer ns = Assistant.standard().refine(first, "only namespace shop", offline);
        assertThat(ns.source()).isEqualTo("top-n");
        assertThat(ns.slots())
                .containsEntry("namespace", "shop")
                .containsEntry("n", 5L)
                .containsEntry("protocol", "dns");
        assertThat(ns.code()).contains("var NAMESPACE = \"shop\";");

        Answer minute = Assistant.standard().refine(ns, "every minute instead", offline);
        assertThat(minute.code())
                .contains("var REPORT_CRON = \"0 * * * * *\";")
                .contains("var NAMESPACE = \"shop\";");

        Answer ten = Assistant.standard().refine(minute, "top 10", offline);
        assertThat(ten.slots())
                .containsEntry("n", 10L)
                .containsEntry("interval", 60L)
                .containsEntry("namespace", "shop");
        assertThat(ten.question())
                .isEqualTo(
                        "Identify the top 5 DNS consumers / only namespace shop / every minute instead / top 10");
    }

    @Test
    void followUpOnASinkSwitchesIt() {
        Answer first =
                Assistant.standard().ask("Export traffic for API security scanning", offline);
        Answer hook =
                Assistant.standard()
                        .refine(first, "send it to https://hooks.example.com/har instead", offline);
        assertThat(hook.slots())
                .containsEntry("sink", "webhook")
                .containsEntry("url", "https://hooks.example.com/har");
    }

    @Test
    void unrelatedFollowUpIsANewQuestion() {
        Answer first = Assistant.standard().ask("Identify the top 5 DNS consumers", offline);
        Answer next = Assistant.standard().refine(first, "Which pods are idle?", offline);
        assertThat(next.source()).isEqualTo("idle-pods");
    }

    @Test
    void questionsOutsideTrafficAreDeclinedWithTheClosestTemplates() {
        Answer a = Assistant.standard().ask("Top 5 pods by CPU usage", offline);
        assertThat(a.status()).isEqualTo(Answer.Status.CANNOT_ANSWER);
        assertThat(a.code()).isNull();
        assertThat(a.explanation()).startsWith("I can't answer that yet").contains("cpu");
        assertThat(a.closest()).hasSize(3);
        Answer vague = Assistant.standard().ask("Top 5 things", offline);
        assertThat(vague.status()).isEqualTo(Answer.Status.CANNOT_ANSWER);
    }
}
