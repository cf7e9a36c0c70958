package io.netinsights.js;

import io.netinsights.schemas.json.ItemJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A part of an item that is turned into a {@link JsMap} only when something reads it: the request
 * and response (kept as JSON text) and the node, protocol and endpoints (kept as {@link
 * ItemJson.Part} copies of their fields). A hook that reads {@code d.dst.name} then pays neither
 * for parsing the bodies nor for building {@code src}, which is most of the cost of handing an item
 * to a script.
 *
 * <p>{@link JsMap#getMember} and {@link JsList#get} swap it for the built map on first access, so
 * scripts only ever see that map (and {@code d.src === d.src} holds). Java code that reads the item
 * (KFL, HAR, {@code ItemJson.fromMap}, Jackson) sees an ordinary map: every method builds the map
 * first and then works on it, so both see the same, single object.
 */
abstract class LazyMap extends AbstractMap<String, Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    private JsMap map;

    /** The value for a request or response text; see {@link Json#of}. */
    static Object json(String text) {
        return Json.of(text);
    }

    /** The value for a node, protocol or endpoint. */
    static Object part(ItemJson.Part part) {
        return new Part(part);
    }

    /** Builds the map; called once. */
    abstract JsMap build();

    /** The map, built on the first call. */
    final JsMap map() {
        JsMap m = map;
        if (m == null) {
            m = build();
            map = m;
        }
        return m;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return map().entrySet();
    }

    @Override
    public Set<String> keySet() {
        return map().keySet();
    }

    @Override
    public Collection<Object> values() {
        return map().values();
    }

    @Override
    public int size() {
        return map().size();
    }

    @Override
    public boolean isEmpty() {
        return map().isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    @Override
    public Object get(Object key) {
        return map().get(key);
    }

    @Override
    public Object put(String key, Object value) {
        return map().put(key, value);
    }

    @Override
    public Object remove(Object key) {
        return map().remove(key);
    }

    @Override
    public void clear() {
        map().clear();
    }

    /** Serialised as the map itself. */
    final Object writeReplace() throws ObjectStreamException {
        return map();
    }

    /** A node, protocol or endpoint, built from its copied fields. */
    private static final class Part extends LazyMap {
        private static final long serialVersionUID = 1L;

        private transient ItemJson.Part part;

        Part(ItemJson.Part part) {
            this.part = part;
        }

        @Override
        JsMap build() {
            JsMap m = part.toMap(JsMap::new);
            part = null;
            return m;
        }
    }

    /**
     * A JSON object kept as text. Parsing uses Jackson like {@code ItemJson.parseObject}, so the
     * tree has the same keys, order and number types, only built from {@link JsMap} and {@link
     * JsList} directly.
     */
    private static final class Json extends LazyMap {
        private static final long serialVersionUID = 1L;

        /** Jackson with JSON objects read as {@link JsMap} and arrays as {@link JsList}. */
        private static final ObjectMapper TREES =
                new ObjectMapper()
                        .registerModule(
                                new SimpleModule("netinsights-js-trees")
                                        .addAbstractTypeMapping(Map.class, JsMap.class)
                                        .addAbstractTypeMapping(List.class, JsList.class));

        private transient String text;

        private Json(String text) {
            this.text = text;
        }

        /**
         * A lazy map when the text opens an object (it can then only parse to an object or fail),
         * otherwise what parsing it at once gives: null for {@code null}, or the exception {@code
         * ItemJson.parseObject} throws for anything else. So only a malformed object is reported
         * later, by whatever reads it first (a hook then fails on that item).
         */
        static Object of(String text) {
            for (int i = 0, n = text.length(); i < n; i++) {
                char c = text.charAt(i);
                if (c == '{') {
                    return new Json(text);
                }
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    break;
                }
            }
            return parse(text);
        }

        @Override
        JsMap build() {
            JsMap m = parse(text);
            text = null;
            return m;
        }

        private static JsMap parse(String text) {
            try {
                return TREES.readValue(text, JsMap.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("bad JSON body: " + e.getOriginalMessage(), e);
            }
        }
    }
}
