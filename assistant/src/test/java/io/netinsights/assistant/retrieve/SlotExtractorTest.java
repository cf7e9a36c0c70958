package io.netinsights.assistant.retrieve;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Slot extraction from questions: numbers, durations, thresholds, namespaces, sinks, fields. */
class SlotExtractorTest {
    private final SlotExtractor x = new SlotExtractor();

    @Test
    void numbersAndRankings() {
        Facts f = x.extract("Identify the top five DNS consumers");
        assertThat(f.values())
                .containsEntry("count", 5L)
                .containsEntry("protocol", "dns")
                .containsEntry("groupBy", "client");
        assertThat(x.extract("Who are the 10 busiest services?").values())
                .containsEntry("count", 10L)
                .containsEntry("groupBy", "service");
        assertThat(x.extract("Top 3 namespaces by bytes sent").values())
                .containsEntry("groupBy", "namespace")
                .containsEntry("metric", "bytes");
        assertThat(x.extract("top 5 consumers by domain").values())
                .containsEntry("groupBy", "domain");
    }

    @Test
    void durations() {
        assertThat(x.extract("every minute").values()).containsEntry("interval", 60L);
        assertThat(x.extract("report every 5m").values()).containsEntry("interval", 300L);
        assertThat(x.extract("each 30 seconds").values()).containsEntry("interval", 30L);
        assertThat(x.extract("hourly please").values()).containsEntry("interval", 3600L);
        assertThat(x.extract("no traffic in the last 10 minutes").values())
                .containsEntry("window", 600_000L);
    }

    @Test
    void thresholds() {
        assertThat(x.extract("requests slower than 500ms").values())
                .containsEntry("latencyMs", 500L);
        assertThat(x.extract("calls taking more than 1.5 seconds").values())
                .containsEntry("latencyMs", 1500L);
        assertThat(x.extract("error rate above 5%").values()).containsEntry("percent", 5.0);
        assertThat(x.extract("4xx and 5xx errors").values()).containsEntry("minStatus", 400L);
        assertThat(x.extract("services with 5xx").values()).containsEntry("minStatus", 500L);
    }

    @Test
    void namespaces() {
        assertThat(x.extract("only namespace shop").values()).containsEntry("namespace", "shop");
        assertThat(x.extract("pods in the payments namespace").values())
                .containsEntry("namespace", "payments");
        assertThat(x.extract("Top 3 namespaces by bytes").values()).doesNotContainKey("namespace");
        assertThat(x.extract("traffic per namespace").values()).doesNotContainKey("namespace");
    }

    @Test
    void sinks() {
        Facts k = x.extract("Send HAR to the Kinesis stream scanner-feed in eu-west-1");
        assertThat(k.values())
                .containsEntry("sink", "kinesis")
                .containsEntry("stream", "scanner-feed")
                .containsEntry("region", "eu-west-1");
        Facts w = x.extract("post to https://hooks.example.com/x?y=1.");
        assertThat(w.values())
                .containsEntry("sink", "webhook")
                .containsEntry("url", "https://hooks.example.com/x?y=1");
        Facts s = x.extract("save to s3://audit/logs/http");
        assertThat(s.values())
                .containsEntry("sink", "s3")
                .containsEntry("bucket", "audit")
                .containsEntry("prefix", "logs/http/");
        assertThat(s.unsupported()).isEmpty();
        assertThat(x.extract("archive to the bucket audit-archive").values())
                .containsEntry("bucket", "audit-archive");
    }

    @Test
    void redactionWishes() {
        assertThat(x.extract("record traffic but redact the bodies").values())
                .containsEntry("redactBodies", true);
        assertThat(x.extract("export including bodies").values())
                .containsEntry("redactBodies", false);
        assertThat(x.extract("also redact headers x-tenant, x-user-id").values())
                .containsEntry("fields", List.of("x-tenant", "x-user-id"));
    }

    @Test
    void outOfScopeTopics() {
        assertThat(x.extract("CPU usage of pods").unsupported()).containsExactly("cpu");
        assertThat(x.extract("Identify the top 5 DNS consumers").unsupported()).isEmpty();
    }
}
