package io.netinsights.js.kfl;

import io.netinsights.js.kfl.KflValues.Multi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A selector applied to a base value: {@code .name}, {@code ["key"]}, {@code [0]}, the wildcard
 * {@code .*} / {@code [*]} and the decoder {@code .json()}. A step that does not match yields null,
 * so a missing field compares as null.
 */
final class KflPath implements KflNode {

    /** One step of a selector. */
    interface Step {
        Object apply(Object v);
    }

    /** {@code .name} or {@code ["name"]}; under a {@code headers} map the name ignores case. */
    record Key(String name, boolean ignoreCase) implements Step {
        @Override
        public Object apply(Object v) {
            if (!(v instanceof Map)) {
                return null;
            }
            Map<?, ?> m = (Map<?, ?>) v;
            Object r = m.get(name);
            if (r == null && ignoreCase && !m.containsKey(name)) {
                String k = keyIgnoringCase(m, name);
                return k == null ? null : m.get(k);
            }
            return r;
        }
    }

    /** {@code [n]} on a list (or the key {@code "n"} on a map). */
    record Index(int index) implements Step {
        @Override
        public Object apply(Object v) {
            if (v instanceof List) {
                List<?> l = (List<?>) v;
                return index < l.size() ? l.get(index) : null;
            }
            if (v instanceof Map) {
                return ((Map<?, ?>) v).get(Integer.toString(index));
            }
            return null;
        }
    }

    /** {@code .*} / {@code [*]}: every element of a list or value of a map. */
    record All() implements Step {
        @Override
        public Object apply(Object v) {
            if (v instanceof Map) {
                return new Multi(new ArrayList<>(((Map<?, ?>) v).values()));
            }
            if (v instanceof Collection) {
                return new Multi(new ArrayList<>((Collection<?>) v));
            }
            return null;
        }
    }

    /** {@code .json()}: decodes a JSON (or base64 JSON) string so the selector can go inside. */
    record Json() implements Step {
        @Override
        public Object apply(Object v) {
            return KflValues.json(v);
        }
    }

    private final KflNode base;
    private final List<Step> steps;

    KflPath(KflNode base, List<Step> steps) {
        this.base = base;
        this.steps = List.copyOf(steps);
    }

    KflNode base() {
        return base;
    }

    List<Step> steps() {
        return steps;
    }

    @Override
    public Object eval(Map<String, Object> item, long now) {
        Object v = base.eval(item, now);
        for (Step step : steps) {
            if (v == null) {
                return null;
            }
            v = v instanceof Multi ? spread((Multi) v, step) : step.apply(v);
        }
        return v;
    }

    /** Applies a step to each element of a wildcard, flattening nested wildcards. */
    private static Multi spread(Multi in, Step step) {
        List<Object> out = new ArrayList<>();
        for (Object x : in.values()) {
            Object r = x == null ? null : step.apply(x);
            if (r instanceof Multi) {
                out.addAll(((Multi) r).values());
            } else if (r != null) {
                out.add(r);
            }
        }
        return new Multi(out);
    }

    /** The key of {@code m} equal to {@code name} ignoring case, or null. */
    static String keyIgnoringCase(Map<?, ?> m, String name) {
        for (Object k : m.keySet()) {
            if (k instanceof String && ((String) k).equalsIgnoreCase(name)) {
                return (String) k;
            }
        }
        return null;
    }
}
