package io.netinsights.js.kfl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of the Kubeshark Filter Language (KFL) subset behind the script helpers {@code
 * kfl.match(query, data)} and {@code kfl.validate(query)}; see docs/kfl.md for the language.
 * Compiled queries are kept in a bounded LRU cache because scripts pass the same query string for
 * every item.
 */
public final class Kfl {

    /** Longest accepted query, in characters; longer input is rejected before parsing. */
    public static final int MAX_QUERY_LENGTH = 4096;

    /** How many distinct compiled queries the cache keeps. */
    public static final int CACHE_SIZE = 256;

    /** Access-ordered, so the eldest entry is the least recently used one. */
    private static final Map<String, KflQuery> CACHE =
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, KflQuery> eldest) {
                    return size() > CACHE_SIZE;
                }
            };

    private Kfl() {}

    /**
     * Compiles {@code query}, or returns the cached compilation of the same text.
     *
     * @throws KflException with the position of the first error, e.g. {@code KFL: unexpected ')' at
     *     14}
     */
    public static KflQuery compile(String query) {
        if (query == null) {
            throw new KflException("query is null", -1);
        }
        synchronized (CACHE) {
            KflQuery cached = CACHE.get(query);
            if (cached != null) {
                return cached;
            }
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new KflException(
                    "query is longer than " + MAX_QUERY_LENGTH + " characters", MAX_QUERY_LENGTH);
        }
        // Parse outside the lock: two threads may compile the same text once each, which is
        // harmless, and a long parse never blocks matching of cached queries.
        KflQuery compiled = new KflQuery(query, KflParser.parse(query));
        synchronized (CACHE) {
            KflQuery raced = CACHE.putIfAbsent(query, compiled);
            return raced != null ? raced : compiled;
        }
    }

    /** Whether {@code query} is a valid KFL query; never throws. */
    public static boolean validate(String query) {
        try {
            compile(query);
            return true;
        } catch (KflException e) {
            return false; // the answer to "is it valid" is the exception itself
        }
    }

    /**
     * Compiles (or reuses) {@code query} and matches it against {@code item}.
     *
     * @throws KflException when the query is invalid
     */
    public static boolean match(String query, Map<String, Object> item) {
        return compile(query).matches(item);
    }

    /** Number of cached compilations; for tests and metrics. */
    static int cachedCount() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }

    /** Empties the cache; for tests. */
    static void clearCache() {
        synchronized (CACHE) {
            CACHE.clear();
        }
    }
}
