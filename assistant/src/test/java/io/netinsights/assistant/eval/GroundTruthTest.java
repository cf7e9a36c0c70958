package io.netinsights.assistant.eval;

import io.netinsights.assistant.llm.TrafficRedactor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator is deterministic and the Java ground truth agrees with what it injected. */
class GroundTruthTest {
    static final GeneratedTraffic T = TrafficGenerator.standard();
    static final GroundTruth G = new GroundTruth(T.items(), T.pods(), T.env());

    @Test
    void generatorIsDeterministic() {
        GeneratedTraffic again = new TrafficGenerator(42).generate();
        assertThat(again.items()).isEqualTo(T.items());
        assertThat(T.items()).hasSizeGreaterThan(3000);
    }

    @Test
    void groundTruthMatchesTheInjectedFacts() {
        assertThat(G.facts().latencyAnomalies(5, 20, 3)).isEqualTo(T.anomalies());
        assertThat(G.idlePods(0, ""))
                .containsExactlyInAnyOrder(
                        World.LEGACY.key(), World.OLD_LEDGER.key(), World.GRAFANA.key());
        assertThat(G.idlePods(300_000, ""))
                .contains(World.BATCH.key())
                .doesNotContain(World.DEBUG.key());
        assertThat(G.externalConnections("").keySet())
                .containsExactlyInAnyOrder(
                        World.PAYMENTS.key(), World.BATCH.key(), World.FRONTEND.key());
        assertThat(G.topN("client", "dns", "count", "", 5))
                .containsExactly(
                        World.FRONTEND.key(),
                        World.CART.key(),
                        World.CATALOG.key(),
                        World.CHECKOUT.key(),
                        World.PAYMENTS.key());
        assertThat(G.deniedFlows())
                .contains(
                        List.of(World.BATCH.key(), "github.com"),
                        List.of(World.PAYMENTS.key(), World.FRAUD.key()))
                .doesNotContain(List.of(World.CHECKOUT.key(), World.PAYMENTS.key()));
        assertThat(G.facts().errorServices(5, 500, 10, "")).containsExactly("payments-api");
    }

    @Test
    void redactedSamplesCarryNoCredentialsOrBodies() {
        String sample = TrafficRedactor.sample(T.items());
        assertThat(sample)
                .doesNotContain(World.SECRET_MARK)
                .doesNotContain(World.CARD_NUMBER)
                .contains(TrafficRedactor.REDACTED);
        assertThat(TrafficRedactor.sensitive("X-Api-Key")).isTrue();
        assertThat(TrafficRedactor.sensitive("Content-Type")).isFalse();
    }
}
