package io.netinsights.jobs.reports;

import io.netinsights.jobs.reports.ReportEvents.TalkerTotal;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top-talkers report in two stages: items and bytes per {@code src -> dst} pair and window
 * (keyed by pair), then the top N pairs of each window by bytes, then items, then name (a single
 * instance).
 */
public final class TalkerFunctions {
    static final OutputTag<TalkerTotal> LATE_TOTALS =
            new OutputTag<>("report-late-talker-totals", TypeInformation.of(TalkerTotal.class));

    private TalkerFunctions() {}

    /** Items and bytes of one pair per window: {@code [count, bytes]}. */
    public static final class Count extends WindowedFunction<ApiItem, long[], TalkerTotal> {
        private static final long serialVersionUID = 1L;

        public Count(long windowMillis) {
            super(
                    windowMillis,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO,
                    ReportJob.LATE_ITEMS);
        }

        @Override
        protected long[] add(long[] acc, ApiItem item) {
            long[] a = acc == null ? new long[2] : acc;
            a[0]++;
            a[1] += ItemKeys.bytes(item);
            return a;
        }

        @Override
        protected void fire(
                String key,
                long start,
                long[] acc,
                OnTimerContext ctx,
                Collector<TalkerTotal> out) {
            out.collect(new TalkerTotal(key, start, acc[0], acc[1]));
        }
    }

    /** The top N pairs of each window. */
    public static final class Top
            extends WindowedFunction<TalkerTotal, List<TalkerTotal>, ReportRecord> {
        private static final long serialVersionUID = 1L;
        private final int n;

        public Top(long windowMillis, int n) {
            super(windowMillis, Types.LIST(Types.POJO(TalkerTotal.class)), LATE_TOTALS);
            this.n = n;
        }

        @Override
        protected List<TalkerTotal> add(List<TalkerTotal> acc, TalkerTotal value) {
            List<TalkerTotal> a = acc == null ? new ArrayList<>() : acc;
            a.add(value);
            return a;
        }

        @Override
        protected void fire(
                String key,
                long start,
                List<TalkerTotal> all,
                OnTimerContext ctx,
                Collector<ReportRecord> out) {
            List<TalkerTotal> sorted = new ArrayList<>(all);
            sorted.sort(
                    Comparator.<TalkerTotal>comparingLong(t -> -t.bytes)
                            .thenComparingLong(t -> -t.count)
                            .thenComparing(t -> t.talkers));
            long totalBytes = all.stream().mapToLong(t -> t.bytes).sum();
            for (int i = 0; i < Math.min(n, sorted.size()); i++) {
                TalkerTotal t = sorted.get(i);
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("items", (double) t.count);
                metrics.put("bytes", (double) t.bytes);
                metrics.put(
                        "share",
                        totalBytes == 0 ? 0 : LatencyStats.round((double) t.bytes / totalBytes));
                out.collect(
                        ReportRecords.of(
                                Report.TOP_TALKERS,
                                start,
                                size,
                                "talker",
                                t.talkers,
                                i + 1,
                                metrics,
                                Map.of()));
            }
        }
    }
}
