package io.netinsights.jobs.reports;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * A keyed tumbling event-time window with an accumulator per open window: each element is added to
 * the accumulator of its window, and when the watermark passes the window's last millisecond the
 * window fires and its state is removed. An element whose window has already fired is late: it goes
 * to the {@link #lateTag()} side output and is counted ({@code lateElements}), never silently
 * dropped.
 *
 * @param <I> input
 * @param <A> accumulator (kept in keyed state, so it needs a non-generic type)
 * @param <O> output
 */
public abstract class WindowedFunction<I, A, O> extends KeyedProcessFunction<String, I, O> {
    private static final long serialVersionUID = 1L;

    protected final long size;
    private final TypeInformation<A> accType;
    private final OutputTag<I> lateTag;

    private transient MapState<Long, A> open;
    private transient Counter late;

    protected WindowedFunction(long size, TypeInformation<A> accType, OutputTag<I> lateTag) {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be >= 1 ms, got " + size);
        }
        this.size = size;
        this.accType = accType;
        this.lateTag = lateTag;
    }

    /** The side output of late elements. */
    public OutputTag<I> lateTag() {
        return lateTag;
    }

    /** Adds an element to the window's accumulator ({@code null} for a new window). */
    protected abstract A add(A acc, I value);

    /** Emits what a complete window says; the window's state is already removed. */
    protected abstract void fire(
            String key, long start, A acc, OnTimerContext ctx, Collector<O> out) throws Exception;

    /** Called after each timer, whether or not a window fired (for cleanup). */
    protected void afterTimer(long timestamp, OnTimerContext ctx) throws Exception {}

    @Override
    public void open(OpenContext ctx) throws Exception {
        open =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("open-windows", Types.LONG, accType));
        late = getRuntimeContext().getMetricGroup().counter("lateElements");
    }

    @Override
    public void processElement(I value, Context ctx, Collector<O> out) throws Exception {
        Long ts = ctx.timestamp();
        if (ts == null) {
            throw new IllegalStateException(
                    "reports need event-time timestamps; assign them with ReportJob.watermarks");
        }
        long start = Windows.start(ts, size);
        long last = Windows.lastMillis(start, size);
        if (last <= ctx.timerService().currentWatermark()) {
            late.inc();
            ctx.output(lateTag, value);
            return;
        }
        open.put(start, add(open.get(start), value));
        ctx.timerService().registerEventTimeTimer(last);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<O> out) throws Exception {
        long start = timestamp + 1 - size;
        A acc = open.get(start);
        if (acc != null) {
            open.remove(start);
            fire(ctx.getCurrentKey(), start, acc, ctx, out);
        }
        afterTimer(timestamp, ctx);
    }
}
