package io.netinsights.assistant.template;

import io.netinsights.js.validate.ScriptValidator;
import io.netinsights.js.validate.ValidationResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every template of the library renders with its defaults and passes the script validator. */
class TemplateLibraryTest {

    static List<String> ids() {
        return TemplateLibrary.standard().all().stream()
                .map(Template::id)
                .collect(Collectors.toList());
    }

    @Test
    void coversTheRequiredTopics() {
        assertThat(ids())
                .contains(
                        "top-n",
                        "idle-pods",
                        "latency-anomalies",
                        "external-connections",
                        "netpol-impact",
                        "error-rates",
                        "slow-requests",
                        "har-export",
                        "s3-record",
                        "redact-fields");
    }

    @ParameterizedTest
    @MethodSource("ids")
    void rendersWithDefaultsAndValidatesWithoutProblems(String id) {
        Template t = TemplateLibrary.standard().get(id).orElseThrow();
        String code = TemplateRenderer.render(t, Map.of());
        assertThat(code).doesNotContain("{{");
        ValidationResult r = ScriptValidator.validate(id + ".js", code);
        assertThat(r.errors()).as(r.toString()).isEmpty();
        assertThat(r.warnings()).as(r.toString()).isEmpty();
        assertThat(t.examples()).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void slotValuesRenderAsLiteralsOnly() {
        Template t = TemplateLibrary.standard().get("har-export").orElseThrow();
        String code =
                TemplateRenderer.render(
                        t, Map.of("url", "http://x/\"; vendor.webhook(1)//", "sink", "webhook"));
        assertThat(code).contains("var WEBHOOK_URL = \"http://x/\\\"; vendor.webhook(1)//\";");
        assertThat(ScriptValidator.validate("h.js", code).ok()).isTrue();
    }

    @Test
    void badValuesAreRejectedWithTheSlotName() {
        Template t = TemplateLibrary.standard().get("top-n").orElseThrow();
        assertThatThrownBy(() -> TemplateRenderer.render(t, Map.of("groupBy", "cpu")))
                .hasMessageContaining("slot groupBy takes one of");
        assertThatThrownBy(() -> TemplateRenderer.render(t, Map.of("namespace", "Bad NS")))
                .hasMessageContaining("slot namespace");
        assertThatThrownBy(() -> TemplateRenderer.render(t, Map.of("nope", 1)))
                .hasMessageContaining("has no slot nope");
    }

    @Test
    void intervalsBecomeCronExpressions() {
        assertThat(SlotValues.cron(10)).isEqualTo("*/10 * * * * *");
        assertThat(SlotValues.cron(60)).isEqualTo("0 * * * * *");
        assertThat(SlotValues.cron(300)).isEqualTo("0 */5 * * * *");
        assertThat(SlotValues.cron(3600)).isEqualTo("0 0 * * * *");
        assertThat(SlotValues.cron(45)).isEqualTo("@every 45s");
    }
}
