package io.netinsights.js;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

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
 * this way without a JSON round trip ({@link #ofItem}), and the parts of an item are built only
 * when first read.
 */
public final class JsMap extends LinkedHashMap<String, Object> implements ProxyObject {
    private static final long serialVersionUID = 1L;

    public JsMap() {
        super();
    }

    /** An empty map with room for about {@code 0.75 * initialCapacity} entries. */
    public JsMap(int initialCapacity) {
        super(initialCapacity);
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

    /**
     * An item as scripts see it: the {@code ItemJson.toMap} shape built from JsMaps directly (no
     * copy on access), with request, response, node, protocol, src and dst built only when a script
     * or Java code first reads them (see {@link LazyMap}).
     */
    public static JsMap ofItem(ApiItem item) {
        return ItemJson.toMap(item, JsMap::new, LazyMap::json, LazyMap::part);
    }

    @SuppressWarnings("unchecked")
    static Object wrap(Object v) {
        if (v instanceof JsMap) {
            return v;
        }
        if (v instanceof LazyMap) {
            return ((LazyMap) v).map();
        }
        if (v instanceof Map) {
            return new JsMap((Map<String, ?>) v);
        }
        if (v instanceof List && !(v instanceof JsList)) {
            return new JsList((List<?>) v);
        }
        return v;
    }
}
