package io.netinsights.js.kfl;

import java.util.Map;
import java.util.Objects;

/**
 * A compiled KFL query. Immutable and thread-safe: compile once with {@link Kfl#compile} and call
 * {@link #matches} per item.
 */
public final class KflQuery {

    private final String source;
    private final KflNode root;

    KflQuery(String source, KflNode root) {
        this.source = source;
        this.root = root;
    }

    /** The query text this was compiled from. */
    public String source() {
        return source;
    }

    /**
     * Whether {@code item} (a scripting-API item as a Map/List tree) matches; time helpers such as
     * {@code now()} read the wall clock.
     *
     * @throws KflException when a regex exceeds its step budget on this item
     */
    public boolean matches(Map<String, Object> item) {
        return matches(item, System.currentTimeMillis());
    }

    /**
     * Whether {@code item} matches, with {@code now()}, {@code minutes(n)} and the other time
     * helpers evaluated at {@code nowMillis} (Unix ms), for example an event-time clock.
     */
    public boolean matches(Map<String, Object> item, long nowMillis) {
        Map<String, Object> tree = item == null ? Map.of() : item;
        return KflValues.truthy(root.eval(tree, nowMillis));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KflQuery && ((KflQuery) o).source.equals(source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source);
    }

    @Override
    public String toString() {
        return "KflQuery[" + source + "]";
    }
}
