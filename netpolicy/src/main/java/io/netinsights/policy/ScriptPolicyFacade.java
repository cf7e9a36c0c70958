package io.netinsights.policy;

import io.netinsights.schemas.json.ItemJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java side of the {@code policy} script helper, with JSON text in and out so that the script
 * runtime can wrap it without knowing the policy types. {@link #evaluate} takes either an item (the
 * {@code data} of {@code onItemCaptured}) or a flow object (see docs/network-policy.md) and returns
 * the decision as JSON; bad input throws {@link IllegalArgumentException} with a reason.
 */
public final class ScriptPolicyFacade {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP =
            new TypeReference<>() {};

    private final NetworkPolicyEvaluator evaluator;
    private final FlowResolver resolver;

    public ScriptPolicyFacade(NetworkPolicyEvaluator evaluator, PodInventory inventory) {
        this.evaluator = evaluator;
        this.resolver = new FlowResolver(inventory);
    }

    /** From the text of a policies file and an optional pods (and namespaces) file. */
    public static ScriptPolicyFacade of(String policiesYaml, String podsYaml) {
        return new ScriptPolicyFacade(
                NetworkPolicyEvaluator.fromYaml(policiesYaml),
                podsYaml == null ? PodInventory.empty() : PodInventory.fromYaml(podsYaml));
    }

    /**
     * {@code policy.evaluate(flowOrItem)}: {@code {"allowed": bool, "flow": "a/x -> b/y:80/tcp",
     * "ingress": {...}, "egress": {...}}} where each direction is {@code {"isolated", "allowed",
     * "policies": [...], "allowedBy": [...], "reason"}}.
     */
    public String evaluate(String flowOrItemJson) {
        return evaluate(parse(flowOrItemJson));
    }

    /** Like {@link #evaluate(String)}, on the item or flow object already as a map. */
    public String evaluate(Map<String, Object> flowOrItem) {
        Flow flow = flow(flowOrItem);
        PolicyDecision d = evaluator.evaluate(flow);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("allowed", d.allowed());
        out.put("flow", flow.describe());
        out.put("ingress", direction(d.ingress()));
        out.put("egress", direction(d.egress()));
        return ItemJson.write(out);
    }

    /** {@code policy.allowed(flowOrItem)}: the decision alone. */
    public boolean allowed(String flowOrItemJson) {
        return allowed(parse(flowOrItemJson));
    }

    /** Like {@link #allowed(String)}, on the item or flow object already as a map. */
    public boolean allowed(Map<String, Object> flowOrItem) {
        return evaluator.evaluate(flow(flowOrItem)).allowed();
    }

    /** {@code policy.list()}: {@code ["namespace/name", ...]} of the loaded policies. */
    public String list() {
        List<String> keys = new ArrayList<>();
        evaluator.policies().forEach(p -> keys.add(NetworkPolicyEvaluator.key(p)));
        return ItemJson.write(keys);
    }

    private static Map<String, Object> parse(String json) {
        try {
            return ItemJson.MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** The flow described by an item or a flow object. */
    Flow flow(Map<String, Object> m) {
        if (m == null) {
            throw new IllegalArgumentException("policy.evaluate needs a flow or an item");
        }
        if (m.get("protocol") instanceof Map) {
            return resolver.resolve(ItemJson.fromMap(m));
        }
        long t = m.get("timestamp") instanceof Number n ? n.longValue() : Long.MIN_VALUE;
        int port =
                m.get("port") instanceof Number n
                        ? n.intValue()
                        : FlowResolver.port(
                                m.get("port") == null ? "" : String.valueOf(m.get("port")));
        return new Flow(
                FlowJson.endpoint(m.get("src"), "src", t, resolver.inventory()),
                FlowJson.endpoint(m.get("dst"), "dst", t, resolver.inventory()),
                port,
                m.get("protocol") == null ? "TCP" : String.valueOf(m.get("protocol")));
    }

    private static Map<String, Object> direction(PolicyDecision.Direction d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("isolated", d.isolated());
        m.put("allowed", d.allowed());
        m.put("policies", d.policies());
        m.put("allowedBy", d.allowedBy());
        m.put("reason", d.reason());
        return m;
    }
}
