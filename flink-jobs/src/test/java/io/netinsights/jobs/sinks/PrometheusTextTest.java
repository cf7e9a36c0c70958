package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.netinsights.jobs.sinks.SinkTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exposition text of prometheus.metric and prometheus.vector requests. */
class PrometheusTextTest {

    @Test
    void aMetricWithLabelsAndEscapes() {
        SinkRequest r =
                metric(
                        "latency_ms",
                        "12.5",
                        Map.of(
                                "help",
                                "Latency\nin ms",
                                "type",
                                "gauge",
                                "labels",
                                "{\"path\":\"/a\\\"b\"}"));
        assertThat(PrometheusText.render(PrometheusText.samples(r)))
                .isEqualTo(
                        "# HELP latency_ms Latency\\nin ms\n# TYPE latency_ms gauge\n"
                                + "latency_ms{path=\"/a\\\"b\"} 12.5\n");
    }

    @Test
    void vectorRowsInBothShapesAndTheLastSampleWins() {
        SinkRequest v =
                metric(
                        "codes",
                        "[[\"200\",\"GET\",3],{\"labels\":{\"code\":\"500\","
                                + "\"method\":\"PUT\"},\"value\":1}]",
                        Map.of("type", "counter", "labelNames", "[\"code\",\"method\"]"));
        SinkRequest later =
                metric(
                        "codes",
                        "[[\"200\",\"GET\",4]]",
                        Map.of("type", "counter", "labelNames", "[\"code\",\"method\"]"));
        List<PrometheusText.Sample> samples = new ArrayList<>(PrometheusText.samples(v));
        samples.addAll(PrometheusText.samples(later));
        assertThat(PrometheusText.render(samples))
                .isEqualTo(
                        "# TYPE codes counter\ncodes{code=\"200\",method=\"GET\"} 4\n"
                                + "codes{code=\"500\",method=\"PUT\"} 1\n");
    }

    @Test
    void specialValuesAndUnknownTypes() {
        assertThat(
                        PrometheusText.render(
                                PrometheusText.samples(
                                        metric("x", "\"NaN\"", Map.of("type", "histogram")))))
                .isEqualTo("# TYPE x untyped\nx NaN\n");
        assertThat(PrometheusText.samples(metric("x", "\"-Infinity\"", Map.of())).get(0).value())
                .isEqualTo("-Inf");
    }

    @Test
    void badNamesAndValuesAreRefused() {
        assertThatThrownBy(() -> PrometheusText.samples(metric("1bad", "1", Map.of())))
                .hasMessage("prometheus: invalid metric name '1bad'");
        assertThatThrownBy(
                        () ->
                                PrometheusText.samples(
                                        metric("m", "1", Map.of("labels", "{\"__x\":\"1\"}"))))
                .hasMessage("prometheus: invalid label name '__x'");
        assertThatThrownBy(() -> PrometheusText.samples(metric("m", "\"ten\"", Map.of())))
                .hasMessage("prometheus: value is not a number: ten");
        assertThatThrownBy(
                        () ->
                                PrometheusText.samples(
                                        metric(
                                                "m",
                                                "[[1]]",
                                                Map.of("labelNames", "[\"a\",\"b\"]"))))
                .hasMessageStartingWith("prometheus.vector: a row must be");
    }

    private static SinkRequest metric(String name, String payload, Map<String, String> attrs) {
        return request(SinkKind.PROMETHEUS, "p", name, payload).setAttributes(attrs).build();
    }
}
