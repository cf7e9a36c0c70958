package io.netinsights.jobs.reports;

import io.netinsights.schemas.ApiItem;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static io.netinsights.jobs.reports.ReportItems.T0;
import static io.netinsights.jobs.reports.ReportItems.get;
import static io.netinsights.jobs.reports.ReportItems.unanswered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plain parts of the reports: names, keys, errors, watermarks and option checks. */
class ReportPartsTest {

    @Test
    void reportNamesAndShortNames() {
        assertThat(Report.parse("latency,idle,top,error,policy", false, false))
                .containsExactlyInAnyOrder(Report.values());
        assertThat(Report.parse("all", false, false))
                .containsExactlyInAnyOrder(
                        Report.LATENCY_ANOMALIES, Report.TOP_TALKERS, Report.ERROR_SPIKES);
        assertThat(Report.parse("all", true, true)).containsExactlyInAnyOrder(Report.values());
        assertThatThrownBy(() -> Report.parse("slow", false, false))
                .hasMessageContaining("unknown report 'slow'");
    }

    @Test
    void endpointsArePathTemplates() {
        assertThat(ItemKeys.pathTemplate("/orders/123/items?x=1")).isEqualTo("/orders/{id}/items");
        assertThat(ItemKeys.pathTemplate("http://h:8080/u/0f8fad5b-d9cb-469f-a165-70867728950e"))
                .isEqualTo("/u/{id}");
        assertThat(ItemKeys.pathTemplate("/blob/deadbeefdeadbeef42")).isEqualTo("/blob/{id}");
        assertThat(ItemKeys.pathTemplate("/v1/api")).isEqualTo("/v1/api");
        ApiItem item =
                ReportItems.http(
                        "1",
                        T0,
                        "10.0.0.1",
                        "10.0.0.2",
                        80,
                        "shop/cart",
                        "POST",
                        "/carts/77?debug=1",
                        200,
                        1);
        assertThat(ItemKeys.service(item)).isEqualTo("shop/cart");
        assertThat(ItemKeys.endpoint(item)).isEqualTo("shop/cart POST /carts/{id}");
        assertThat(ItemKeys.talkerPair(item)).isEqualTo("10.0.0.1 -> shop/cart");
    }

    @Test
    void whatCountsAsAnError() {
        assertThat(ItemKeys.isError(get("1", T0, "a", 500, 1))).isTrue();
        assertThat(ItemKeys.isError(get("2", T0, "a", 404, 1))).isFalse();
        assertThat(ItemKeys.isError(unanswered("3", T0, "a"))).isTrue();
        ApiItem grpc = get("4", T0, "a", 200, 1);
        grpc.setResponse("{\"status\":200,\"headers\":{\"Grpc-Status\":\"14\"}}");
        assertThat(ItemKeys.isError(grpc)).isTrue();
    }

    @Test
    void watermarksFollowTheItemsAndOnlyCrossWindowBoundaries() {
        List<Long> emitted = new ArrayList<>();
        WatermarkOutput out =
                new WatermarkOutput() {
                    @Override
                    public void emitWatermark(Watermark w) {
                        emitted.add(w.getTimestamp() - T0);
                    }

                    @Override
                    public void markIdle() {}

                    @Override
                    public void markActive() {}
                };
        WindowWatermarks wm = new WindowWatermarks(10_000, 2_000);
        for (long ts : new long[] {0, 5_000, 11_000, 12_000, 12_001, 9_000, 30_000}) {
            wm.onEvent(null, T0 + ts, out);
            wm.onPeriodicEmit(out);
        }
        // Watermark = highest timestamp - 2 s - 1 ms, sent when it enters a new window.
        assertThat(emitted).containsExactly(-2_001L, 2_999L, 10_000L, 27_999L);
    }

    @Test
    void optionsSayWhatToFix() {
        var b = ReportOptions.builder(EnumSet.of(Report.TOP_TALKERS));
        assertThatThrownBy(() -> b.window(Duration.ZERO).build()).hasMessageContaining("window");
        assertThatThrownBy(() -> ReportOptions.builder(EnumSet.of(Report.POLICY_IMPACT)).build())
                .hasMessageContaining("--policies");
        assertThatThrownBy(() -> ReportOptions.builder(EnumSet.noneOf(Report.class)).build())
                .hasMessageContaining("at least one report");
        assertThatThrownBy(
                        () ->
                                ReportOptions.builder(EnumSet.of(Report.LATENCY_ANOMALIES))
                                        .latencyQuantile(1.5)
                                        .build())
                .hasMessageContaining("quantile");
    }
}
