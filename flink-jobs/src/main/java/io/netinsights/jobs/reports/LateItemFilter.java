package io.netinsights.jobs.reports;

import io.netinsights.schemas.ApiItem;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends items whose window the watermark has already passed to {@link ReportJob#LATE_ITEMS} instead
 * of the reports. Placed before every report, it decides lateness once for all of them: an item
 * that passes here is on time downstream too, since no operator after it can have seen a later
 * watermark when the item arrives.
 */
public final class LateItemFilter extends ProcessFunction<ApiItem, ApiItem> {
    private static final long serialVersionUID = 1L;

    private final long size;
    private transient Counter late;

    public LateItemFilter(long windowMillis) {
        this.size = windowMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        late = getRuntimeContext().getMetricGroup().counter("lateItems");
    }

    @Override
    public void processElement(ApiItem item, Context ctx, Collector<ApiItem> out) {
        long last = Windows.lastMillis(Windows.start(item.getTimestamp(), size), size);
        if (last <= ctx.timerService().currentWatermark()) {
            late.inc();
            ctx.output(ReportJob.LATE_ITEMS, item);
        } else {
            out.collect(item);
        }
    }
}
