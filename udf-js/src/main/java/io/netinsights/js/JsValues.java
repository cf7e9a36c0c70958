package io.netinsights.js;

import org.graalvm.polyglot.Value;

/** Turns polyglot {@link Value}s into plain Java trees at the host boundary. */
public final class JsValues {
    private static final int MAX_DEPTH = 64;

    private JsValues() {}

    /**
     * Deep copy of a JS value into Java: null, Boolean, Long or Double, String, {@link JsMap},
     * {@link JsList}. Functions and undefined become null. Proxies we created come back as
     * themselves, so identity survives a round trip.
     */
    public static Object toJava(Value v) {
        return toJava(v, 0);
    }

    private static Object toJava(Value v, int depth) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH);
        }
        if (v.isProxyObject()) {
            Object p = v.asProxyObject();
            if (p instanceof JsMap || p instanceof JsList) {
                return p;
            }
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            if (v.fitsInLong()) {
                return v.asLong();
            }
            return v.asDouble();
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.canExecute()) {
            return null;
        }
        if (v.hasArrayElements()) {
            long n = v.getArraySize();
            JsList out = new JsList();
            for (long i = 0; i < n; i++) {
                out.add(toJava(v.getArrayElement(i), depth + 1));
            }
            return out;
        }
        if (v.hasMembers()) {
            JsMap out = new JsMap();
            for (String k : v.getMemberKeys()) {
                Value m = v.getMember(k);
                if (m != null && !m.canExecute()) {
                    out.put(k, toJava(m, depth + 1));
                }
            }
            return out;
        }
        return v.toString();
    }
}
