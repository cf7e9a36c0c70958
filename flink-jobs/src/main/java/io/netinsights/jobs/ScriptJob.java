package io.netinsights.jobs;

import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.jobs.functions.HubOperator;
import io.netinsights.jobs.functions.ScriptOperator;
import io.netinsights.jobs.functions.WorkerOperator;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.HubAction;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.PodEventType;
import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.List;

/**
 * The script job graph: items → keyBy(node) → worker instances → hub actions → hub (parallelism 1)
 * → console; sink requests and failures come out of both as side streams. Sources and sinks are the
 * caller's, so the same graph runs embedded on a capture file and on Kafka.
 */
public final class ScriptJob {
    /** Max parallelism of the worker operator: the number of key groups, fixed for savepoints. */
    public static final int MAX_PARALLELISM = 128;

    private ScriptJob() {}

    /** The streams a script job produces. */
    public record Outputs(
            DataStream<ConsoleLine> console,
            DataStream<SinkRequest> sinkRequests,
            DataStream<ConsoleLine> failures) {}

    /** The watermark strategy for items: bounded out-of-orderness on the item timestamp. */
    public static WatermarkStrategy<ApiItem> watermarks(ScriptJobOptions options) {
        if (options.timeMode() == ScriptJobOptions.TimeMode.PROCESSING) {
            return WatermarkStrategy.noWatermarks();
        }
        return WatermarkStrategy.<ApiItem>forBoundedOutOfOrderness(options.outOfOrderness())
                .withTimestampAssigner((item, ts) -> item.getTimestamp());
    }

    /** The job without pod events. */
    public static Outputs build(DataStream<ApiItem> items, ScriptJobOptions options) {
        return build(items, noPodEvents(items.getExecutionEnvironment()), options);
    }

    /** The job; pod events are broadcast to every worker instance and to the hub. */
    public static Outputs build(
            DataStream<ApiItem> items, DataStream<PodEvent> podEvents, ScriptJobOptions options) {
        AvroTypeInfo<ConsoleLine> consoleType = new AvroTypeInfo<>(ConsoleLine.class);
        SingleOutputStreamOperator<ConsoleLine> workers =
                items.keyBy(keySelector(options.keyBy()))
                        .connect(podEvents.broadcast())
                        .transform("script-workers", consoleType, new WorkerOperator(options))
                        .uid("script-workers")
                        .setMaxParallelism(MAX_PARALLELISM);
        DataStream<HubAction> actions = workers.getSideOutput(ScriptOperator.HUB_ACTIONS);
        SingleOutputStreamOperator<ConsoleLine> hub =
                actions.keyBy(new HubKey(), TypeExtractor.getForClass(String.class))
                        .connect(podEvents.broadcast())
                        .transform("script-hub", consoleType, new HubOperator(options))
                        .uid("script-hub")
                        .setParallelism(1)
                        .setMaxParallelism(1);
        return new Outputs(
                workers.union(hub),
                workers.getSideOutput(ScriptOperator.SINK_REQUESTS)
                        .union(hub.getSideOutput(ScriptOperator.SINK_REQUESTS)),
                workers.getSideOutput(ScriptOperator.FAILURES)
                        .union(hub.getSideOutput(ScriptOperator.FAILURES)));
    }

    /** An empty, finished stream of pod events, for jobs without a pod source. */
    public static DataStream<PodEvent> noPodEvents(StreamExecutionEnvironment env) {
        // fromData needs at least one element: one placeholder, filtered out.
        PodEvent placeholder = new PodEvent(PodEventType.ADDED, 0L, "", "", "", "{}");
        return env.fromData(List.of(placeholder), new AvroTypeInfo<>(PodEvent.class))
                .uid("no-pod-events")
                .name("no-pod-events")
                .filter(e -> false)
                .uid("no-pod-events-filter")
                .name("no-pod-events-filter");
    }

    /** The worker key of an item. */
    public static KeySelector<ApiItem, String> keySelector(ScriptJobOptions.KeyBy keyBy) {
        return switch (keyBy) {
            case NODE -> new NodeKey();
            case NAMESPACE -> new NamespaceKey();
            case POD -> new PodKey();
        };
    }

    /** Items keyed by capturing node ({@code node.name}, else {@code worker}). */
    static final class NodeKey implements KeySelector<ApiItem, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ApiItem item) {
            String n = item.getNode().getName();
            return n.isEmpty() ? (item.getWorker().isEmpty() ? "node" : item.getWorker()) : n;
        }
    }

    /** Items keyed by the namespace of their source (else destination). */
    static final class NamespaceKey implements KeySelector<ApiItem, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ApiItem item) {
            String ns = item.getSrc().getNamespace();
            return ns.isEmpty() ? item.getDst().getNamespace() : ns;
        }
    }

    /** Items keyed by source pod name (else source name). */
    static final class PodKey implements KeySelector<ApiItem, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ApiItem item) {
            return item.getSrc().getPod() != null
                    ? item.getSrc().getPod().getNamespace() + "/" + item.getSrc().getPod().getName()
                    : item.getSrc().getName();
        }
    }

    /** Every hub action goes to the single hub key. */
    static final class HubKey implements KeySelector<HubAction, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(HubAction action) {
            return HubOperator.HUB_KEY;
        }
    }
}
