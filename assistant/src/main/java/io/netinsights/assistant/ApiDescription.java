package io.netinsights.assistant;

import io.netinsights.assistant.eval.TrafficGenerator;
import io.netinsights.js.ApiIndex;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The machine-readable scripting API the assistant grounds a model in: hooks and helpers from the
 * runtime's own {@link ApiIndex} (signature, where they run, cost class) and the item fields per
 * protocol, taken from items converted by the runtime's {@link ItemJson} — so neither can drift
 * from what scripts really see.
 */
public final class ApiDescription {
    private static volatile Map<String, List<String>> fields;

    private ApiDescription() {}

    /** Hooks, helpers, globals and item fields as a JSON-able map. */
    public static Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(ApiIndex.toMap());
        m.put("itemFields", itemFields());
        return m;
    }

    /** {@link #toMap()} as JSON text. */
    public static String toJson() {
        return ItemJson.write(toMap());
    }

    /** Dotted paths of item fields, per protocol ("http", "dns", "redis", and "common"). */
    public static Map<String, List<String>> itemFields() {
        Map<String, List<String>> f = fields;
        if (f == null) {
            f = computeFields();
            fields = f;
        }
        return f;
    }

    private static Map<String, List<String>> computeFields() {
        Map<String, ApiItem> byProtocol = new LinkedHashMap<>();
        for (ApiItem item : TrafficGenerator.standard().items()) {
            byProtocol.putIfAbsent(item.getProtocol().getName(), item);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        TreeSet<String> common = null;
        Map<String, TreeSet<String>> per = new LinkedHashMap<>();
        for (Map.Entry<String, ApiItem> e : byProtocol.entrySet()) {
            TreeSet<String> paths = new TreeSet<>();
            collect("", ItemJson.toMap(e.getValue()), paths);
            per.put(e.getKey(), paths);
            if (common == null) {
                common = new TreeSet<>(paths);
            } else {
                common.retainAll(paths);
            }
        }
        out.put("common", new ArrayList<>(common == null ? new TreeSet<>() : common));
        for (Map.Entry<String, TreeSet<String>> e : per.entrySet()) {
            TreeSet<String> own = new TreeSet<>(e.getValue());
            if (common != null) {
                own.removeAll(common);
            }
            out.put(e.getKey(), new ArrayList<>(own));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String prefix, Object value, TreeSet<String> out) {
        if (value instanceof Map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                boolean freeForm =
                        e.getKey().equals("headers")
                                || e.getKey().equals("queryString")
                                || e.getKey().equals("cookies")
                                || e.getKey().equals("labels");
                if (freeForm) {
                    out.add(p + "{}");
                } else {
                    collect(p, e.getValue(), out);
                }
            }
        } else if (value instanceof List) {
            List<Object> l = (List<Object>) value;
            if (!l.isEmpty() && l.get(0) instanceof Map) {
                collect(prefix + "[]", l.get(0), out);
            } else {
                out.add(prefix + "[]");
            }
        } else {
            out.add(prefix);
        }
    }

    /** The index as compact text for a prompt: one line per hook, helper and protocol. */
    public static String promptText() {
        StringBuilder b = new StringBuilder();
        b.append("HOOKS (global functions the engine calls if the script defines them):\n");
        for (ApiIndex.Hook h : ApiIndex.HOOKS) {
            b.append("- ")
                    .append(h.name())
                    .append('(')
                    .append(String.join(", ", h.params()))
                    .append(") runs on ")
                    .append(h.runsOn().name().toLowerCase())
                    .append(": ")
                    .append(h.doc())
                    .append('\n');
        }
        b.append("HELPERS (the only host functions; cost LOCAL = in process, EMIT = a record,")
                .append(" SINK = leaves the process: never call per item, batch in a job):\n");
        for (ApiIndex.Helper h : ApiIndex.HELPERS) {
            b.append("- ")
                    .append(h.signature())
                    .append(" [")
                    .append(h.cost())
                    .append("]: ")
                    .append(h.doc())
                    .append('\n');
        }
        b.append("OTHER GLOBALS: ")
                .append(String.join(", ", ApiIndex.OTHER_GLOBALS))
                .append(" (env values keep their JSON types) and the ES5 built-ins.\n");
        b.append("ITEM FIELDS (data in onItemCaptured; {} = free-form map):\n");
        for (Map.Entry<String, List<String>> e : itemFields().entrySet()) {
            b.append("- ")
                    .append(e.getKey())
                    .append(": ")
                    .append(String.join(", ", e.getValue()))
                    .append('\n');
        }
        return b.toString();
    }
}
