package io.netinsights.jobs.reports;

import io.netinsights.jobs.reports.ReportEvents.DeniedFlow;
import io.netinsights.jobs.reports.ReportEvents.FlowStat;
import io.netinsights.policy.Flow;
import io.netinsights.policy.FlowResolver;
import io.netinsights.policy.NetworkPolicyEvaluator;
import io.netinsights.policy.PodInventory;
import io.netinsights.policy.PolicyDecision;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy-impact report: each item's flow is evaluated against the candidate policies, and a
 * denied one is attributed to every policy that isolates the denying side without allowing it and
 * to the workload of that side; then, per policy and per workload and window, the distinct denied
 * flows with their counts and a few example item ids.
 */
public final class PolicyImpactFunctions {
    static final OutputTag<DeniedFlow> LATE_DENIED =
            new OutputTag<>("report-late-denied-flows", TypeInformation.of(DeniedFlow.class));

    private PolicyImpactFunctions() {}

    /**
     * Evaluates each item; emits one {@link DeniedFlow} per key a denied flow counts for. Pod
     * events update the inventory that flows are resolved with.
     */
    public static final class Evaluate
            extends BroadcastProcessFunction<ApiItem, PodEvent, DeniedFlow> {
        private static final long serialVersionUID = 1L;
        private final String policiesYaml;
        private final LiveInventory inventory;
        private transient NetworkPolicyEvaluator evaluator;

        public Evaluate(String policiesYaml, PodInventory inventory) {
            this.policiesYaml = policiesYaml;
            this.inventory = new LiveInventory(inventory);
        }

        @Override
        public void open(OpenContext ctx) {
            evaluator = NetworkPolicyEvaluator.fromYaml(policiesYaml);
        }

        @Override
        public void processElement(ApiItem item, ReadOnlyContext ctx, Collector<DeniedFlow> out)
                throws Exception {
            FlowResolver resolver =
                    new FlowResolver(inventory.get(ctx.getBroadcastState(LiveInventory.EVENTS)));
            Flow flow = resolver.resolve(item);
            PolicyDecision d = evaluator.evaluate(flow);
            if (d.ingress().denied()) {
                emit(item, flow, "ingress", d.ingress(), flow.dst().pod().workload(), out);
            }
            if (d.egress().denied()) {
                emit(item, flow, "egress", d.egress(), flow.src().pod().workload(), out);
            }
        }

        @Override
        public void processBroadcastElement(PodEvent event, Context ctx, Collector<DeniedFlow> out)
                throws Exception {
            inventory.update(ctx.getBroadcastState(LiveInventory.EVENTS), event);
        }

        private static void emit(
                ApiItem item,
                Flow flow,
                String direction,
                PolicyDecision.Direction d,
                String workload,
                Collector<DeniedFlow> out) {
            String policies = String.join(",", d.policies());
            String described = flow.describe();
            for (String p : d.policies()) {
                out.collect(
                        new DeniedFlow("policy", p, described, direction, policies, item.getId()));
            }
            out.collect(
                    new DeniedFlow(
                            "workload", workload, described, direction, policies, item.getId()));
        }
    }

    /** Per policy or workload (key {@code kind|key}) and window: the denied flows. */
    public static final class Aggregate
            extends WindowedFunction<DeniedFlow, Map<String, FlowStat>, ReportRecord> {
        private static final long serialVersionUID = 1L;
        private final int maxFlows;
        private final int maxExamples;

        public Aggregate(long windowMillis, int maxFlows, int maxExamples) {
            super(windowMillis, Types.MAP(Types.STRING, Types.POJO(FlowStat.class)), LATE_DENIED);
            this.maxFlows = maxFlows;
            this.maxExamples = maxExamples;
        }

        @Override
        protected Map<String, FlowStat> add(Map<String, FlowStat> acc, DeniedFlow f) {
            Map<String, FlowStat> a = acc == null ? new HashMap<>() : acc;
            FlowStat s = a.computeIfAbsent(f.direction + " " + f.flow, k -> new FlowStat());
            s.direction = f.direction;
            s.policies = f.policies;
            s.count++;
            if (s.count <= maxExamples) {
                s.examples = s.examples.isEmpty() ? f.itemId : s.examples + "," + f.itemId;
            }
            return a;
        }

        @Override
        protected void fire(
                String key,
                long start,
                Map<String, FlowStat> acc,
                OnTimerContext ctx,
                Collector<ReportRecord> out) {
            int bar = key.indexOf('|');
            List<Map.Entry<String, FlowStat>> flows = new ArrayList<>(acc.entrySet());
            flows.sort(
                    Map.Entry.<String, FlowStat>comparingByValue(
                                    (a, b) -> Long.compare(b.count, a.count))
                            .thenComparing(Map.Entry.comparingByKey()));
            long items = 0;
            List<Map<String, Object>> listed = new ArrayList<>();
            for (Map.Entry<String, FlowStat> e : flows) {
                items += e.getValue().count;
                if (listed.size() < maxFlows) {
                    FlowStat s = e.getValue();
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("flow", e.getKey().substring(s.direction.length() + 1));
                    f.put("direction", s.direction);
                    f.put("count", s.count);
                    f.put("policies", Arrays.asList(s.policies.split(",")));
                    f.put(
                            "examples",
                            s.examples.isEmpty()
                                    ? List.of()
                                    : Arrays.asList(s.examples.split(",")));
                    listed.add(f);
                }
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("flows", listed);
            details.put("omittedFlows", flows.size() - listed.size());
            out.collect(
                    ReportRecords.of(
                            Report.POLICY_IMPACT,
                            start,
                            size,
                            key.substring(0, bar),
                            key.substring(bar + 1),
                            0,
                            Map.of(
                                    "deniedItems",
                                    (double) items,
                                    "deniedFlows",
                                    (double) flows.size()),
                            details));
        }
    }
}
