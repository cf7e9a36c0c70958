package io.netinsights.assistant.eval;

import io.netinsights.schemas.ApiItem;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the traffic generator produced: items in timestamp order, the pod inventory (Pod objects as
 * JSON), the script environment the evaluation runs with (POLICIES), and the facts it injected on
 * purpose.
 *
 * @param items the API items
 * @param pods Pod objects as JSON, for onPodEvent
 * @param env script environment (env.POLICIES = the world's NetworkPolicies)
 * @param anomalies endpoints ("service METHOD /path") that received injected latency spikes
 */
public record GeneratedTraffic(
        List<ApiItem> items, List<String> pods, Map<String, String> env, Set<String> anomalies) {
    public GeneratedTraffic {
        items = List.copyOf(items);
        pods = List.copyOf(pods);
        env = Map.copyOf(env);
        anomalies = Set.copyOf(anomalies);
    }
}
