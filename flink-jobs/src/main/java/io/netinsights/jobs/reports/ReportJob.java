package io.netinsights.jobs.reports;

import io.netinsights.jobs.reports.ReportEvents.DeniedFlow;
import io.netinsights.jobs.reports.ReportEvents.PodTouch;
import io.netinsights.jobs.reports.ReportEvents.TalkerTotal;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.PodEventType;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in report jobs on the items stream, in event time so that a replay gives the same
 * reports: latency anomalies per service and endpoint, idle pods, top talkers, error-rate spikes
 * and network-policy impact, each per tumbling window (see docs/reports.md). Items whose window has
 * already been reported come out of {@link Outputs#lateItems()}.
 */
public final class ReportJob {
    /** Max parallelism of the keyed report operators: fixed for savepoints. */
    public static final int MAX_PARALLELISM = 128;

    /** Items that arrived after the watermark passed their window. */
    public static final OutputTag<ApiItem> LATE_ITEMS =
            new OutputTag<>("report-late-items", new AvroTypeInfo<>(ApiItem.class));

    private static final String ALL = "all";

    private ReportJob() {}

    /** What the job produces. */
    public record Outputs(DataStream<ReportRecord> reports, DataStream<ApiItem> lateItems) {}

    /**
     * Bounded out-of-orderness on the item timestamp, emitted at window boundaries from the items
     * ({@link WindowWatermarks}), so that replaying a file is deterministic.
     */
    public static WatermarkStrategy<ApiItem> watermarks(ReportOptions options) {
        long size = options.windowMillis();
        long bound = options.outOfOrderness().toMillis();
        return WatermarkStrategy.<ApiItem>forGenerator(ctx -> new WindowWatermarks(size, bound))
                .withTimestampAssigner((item, ts) -> item.getTimestamp());
    }

    /** Adds the chosen reports to the graph of {@code items} (timestamps and watermarks set). */
    public static Outputs build(DataStream<ApiItem> items, ReportOptions options) {
        return build(items, noPodEvents(items.getExecutionEnvironment()), options);
    }

    /**
     * Like {@link #build(DataStream, ReportOptions)}, with pod events (the shipper's informer)
     * keeping the options' pod inventory current for the idle-pods and policy-impact reports.
     */
    public static Outputs build(
            DataStream<ApiItem> items, DataStream<PodEvent> podEvents, ReportOptions options) {
        AvroTypeInfo<ReportRecord> recordType = new AvroTypeInfo<>(ReportRecord.class);
        long window = options.windowMillis();
        SingleOutputStreamOperator<ApiItem> onTime =
                items.process(new LateItemFilter(window))
                        .returns(new AvroTypeInfo<>(ApiItem.class))
                        .uid("report-late-filter")
                        .name("report-late-filter");
        BroadcastStream<PodEvent> pods = podEvents.broadcast(LiveInventory.EVENTS);
        List<DataStream<ReportRecord>> reports = new ArrayList<>();
        if (options.reports().contains(Report.LATENCY_ANOMALIES)) {
            reports.add(
                    keyed(
                            onTime,
                            new ServiceKey(),
                            "report-latency-service",
                            new LatencyAnomalyFunction("service", options),
                            recordType));
            reports.add(
                    keyed(
                            onTime,
                            new EndpointKey(),
                            "report-latency-endpoint",
                            new LatencyAnomalyFunction("endpoint", options),
                            recordType));
        }
        if (options.reports().contains(Report.ERROR_SPIKES)) {
            reports.add(
                    keyed(
                            onTime,
                            new ServiceKey(),
                            "report-error-spikes",
                            new ErrorSpikeFunction(options),
                            recordType));
        }
        if (options.reports().contains(Report.TOP_TALKERS)) {
            DataStream<TalkerTotal> totals =
                    keyed(
                            onTime,
                            new TalkerKey(),
                            "report-talker-totals",
                            new TalkerFunctions.Count(window),
                            TypeInformation.of(TalkerTotal.class));
            reports.add(
                    totals.keyBy(new AllKey<>(), Types.STRING)
                            .process(new TalkerFunctions.Top(window, options.topN()), recordType)
                            .uid("report-top-talkers")
                            .name("report-top-talkers")
                            .setParallelism(1)
                            .setMaxParallelism(1));
        }
        if (options.reports().contains(Report.IDLE_PODS)) {
            reports.add(idlePods(onTime, pods, options, recordType));
        }
        if (options.reports().contains(Report.POLICY_IMPACT)) {
            DataStream<DeniedFlow> denied =
                    onTime.connect(pods)
                            .process(
                                    new PolicyImpactFunctions.Evaluate(
                                            options.policiesYaml(), options.inventory()))
                            .returns(TypeInformation.of(DeniedFlow.class))
                            .uid("report-policy-evaluate")
                            .name("report-policy-evaluate");
            reports.add(
                    keyed(
                            denied,
                            DeniedFlow::reportKey,
                            "report-policy-impact",
                            new PolicyImpactFunctions.Aggregate(
                                    window, options.maxFlows(), options.maxExamples()),
                            recordType));
        }
        DataStream<ReportRecord> all = reports.get(0);
        for (int i = 1; i < reports.size(); i++) {
            all = all.union(reports.get(i));
        }
        return new Outputs(all, onTime.getSideOutput(LATE_ITEMS));
    }

    /** Touches per item, deduplicated per pod and window, then the idle list (one instance). */
    private static DataStream<ReportRecord> idlePods(
            DataStream<ApiItem> onTime,
            BroadcastStream<PodEvent> pods,
            ReportOptions options,
            TypeInformation<ReportRecord> recordType) {
        long window = options.windowMillis();
        DataStream<PodTouch> touches =
                onTime.flatMap(new IdlePodFunctions.Touches())
                        .returns(TypeInformation.of(PodTouch.class))
                        .uid("report-pod-touches")
                        .name("report-pod-touches");
        DataStream<PodTouch> perWindow =
                keyed(
                        touches,
                        t -> t.address,
                        "report-pod-touch-dedup",
                        new IdlePodFunctions.Dedup(window),
                        TypeInformation.of(PodTouch.class));
        return perWindow
                .keyBy(new AllKey<>(), Types.STRING)
                .connect(pods)
                .process(new IdlePodsFunction(window, options.inventory()), recordType)
                .uid("report-idle-pods")
                .name("report-idle-pods")
                .setParallelism(1)
                .setMaxParallelism(1);
    }

    /** An empty stream of pod events: the inventory stays as the options give it. */
    public static DataStream<PodEvent> noPodEvents(StreamExecutionEnvironment env) {
        // fromData needs at least one element: one placeholder, filtered out.
        PodEvent placeholder = new PodEvent(PodEventType.ADDED, 0L, "", "", "", "{}");
        return env.fromData(List.of(placeholder), new AvroTypeInfo<>(PodEvent.class))
                .uid("report-no-pod-events")
                .name("report-no-pod-events")
                .filter(e -> false)
                .uid("report-no-pod-events-filter")
                .name("report-no-pod-events-filter");
    }

    private static <I, O> SingleOutputStreamOperator<O> keyed(
            DataStream<I> in,
            KeySelector<I, String> key,
            String uid,
            WindowedFunction<I, ?, O> fn,
            TypeInformation<O> type) {
        return in.keyBy(key, Types.STRING)
                .process(fn, type)
                .uid(uid)
                .name(uid)
                .setMaxParallelism(MAX_PARALLELISM);
    }

    /** Items by called service. */
    static final class ServiceKey implements KeySelector<ApiItem, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ApiItem item) {
            return ItemKeys.service(item);
        }
    }

    /** Items by service and endpoint. */
    static final class EndpointKey implements KeySelector<ApiItem, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ApiItem item) {
            return ItemKeys.endpoint(item);
        }
    }

    /** Items by talker pair. */
    static final class TalkerKey implements KeySelector<ApiItem, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ApiItem item) {
            return ItemKeys.talkerPair(item);
        }
    }

    /** Everything under one key. */
    static final class AllKey<T> implements KeySelector<T, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(T value) {
            return ALL;
        }
    }
}
