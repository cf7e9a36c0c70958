package io.netinsights.js;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Java map that scripts see as a plain object: reads, writes, {@code delete}, {@code for-in},
 * {@code Object.keys} and {@code JSON.stringify} work. Nested maps and lists are wrapped on first
 * read and the wrapper replaces the raw value, so {@code data.dst === data.dst}. Items reach hooks
 * this way without a JSON round trip.
 */
public final class JsMap extends LinkedHashMap<String, Object> implements ProxyObject {
    private static final long serialVersionUID = 1L;

    public JsMap() {
        super();
    }

    public JsMap(Map<String, ?> source) {
        super(source);
    }

    @Override
    public Object getMember(String key) {
        Object v = get(key);
        Object w = wrap(v);
        if (w != v) {
            put(key, w);
        }
        return w;
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromList(new ArrayList<>(keySet()));
    }

    @Override
    public boolean hasMember(String key) {
        return containsKey(key);
    }

    @Override
    public void putMember(String key, Value value) {
        put(key, JsValues.toJava(value));
    }

    @Override
    public boolean removeMember(String key) {
        if (!containsKey(key)) {
            return false;
        }
        remove(key);
        return true;
    }

    @SuppressWarnings("unchecked")
    static Object wrap(Object v) {
        if (v instanceof Map && !(v instanceof JsMap)) {
            return new JsMap((Map<String, ?>) v);
        }
        if (v instanceof List && !(v instanceof JsList)) {
            return new JsList((List<?>) v);
        }
        return v;
    }
}
