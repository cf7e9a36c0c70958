package io.netinsights.policy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.List;
import java.util.Map;

/**
 * Kubernetes label selector semantics: every {@code matchLabels} entry and every {@code
 * matchExpressions} requirement must hold (AND); an empty selector selects everything.
 */
public final class LabelSelectors {
    private LabelSelectors() {}

    /** Whether the labels satisfy the selector; a {@code null} selector is the empty one. */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        Map<String, String> want = selector.getMatchLabels();
        if (want != null) {
            for (Map.Entry<String, String> e : want.entrySet()) {
                if (!e.getValue().equals(have.get(e.getKey()))) {
                    return false;
                }
            }
        }
        List<LabelSelectorRequirement> exprs = selector.getMatchExpressions();
        if (exprs != null) {
            for (LabelSelectorRequirement r : exprs) {
                if (!matches(r, have)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.getKey());
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        return switch (r.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> labels.containsKey(r.getKey());
            case "DoesNotExist" -> !labels.containsKey(r.getKey());
            default ->
                    throw new IllegalArgumentException(
                            "unknown label selector operator: " + r.getOperator());
        };
    }

    /** Adds to {@code errors} what the API server would reject in this selector. */
    static void validate(LabelSelector selector, String where, List<String> errors) {
        if (selector == null || selector.getMatchExpressions() == null) {
            return;
        }
        int i = 0;
        for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
            String at = where + ".matchExpressions[" + i++ + "]";
            List<String> values = r.getValues() == null ? List.of() : r.getValues();
            if (r.getKey() == null || r.getKey().isEmpty()) {
                errors.add(at + ": key is required");
            }
            String op = r.getOperator();
            if ("In".equals(op) || "NotIn".equals(op)) {
                if (values.isEmpty()) {
                    errors.add(at + ": operator " + op + " needs at least one value");
                }
            } else if ("Exists".equals(op) || "DoesNotExist".equals(op)) {
                if (!values.isEmpty()) {
                    errors.add(at + ": operator " + op + " takes no values");
                }
            } else {
                errors.add(at + ": operator must be In, NotIn, Exists or DoesNotExist, not " + op);
            }
        }
    }
}
