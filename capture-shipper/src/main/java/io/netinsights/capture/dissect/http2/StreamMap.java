package io.netinsights.capture.dissect.http2;

import java.util.Arrays;

/**
 * The open streams of one connection by id, without boxing: open addressing with linear probing
 * over int keys, at most {@link #MAX_STREAMS} entries. Removed streams go back to a small pool, so
 * a long connection does not allocate per stream. Also remembers the last few closed ids, so that
 * frames still in flight for a finished stream do not open it again.
 */
final class StreamMap {

    static final int MAX_STREAMS = 1024;
    private static final int POOL = 16;
    private static final int RECENT = 32;

    private final int maxBodyBytes;
    private int[] keys = new int[16];
    private Http2Stream[] values = new Http2Stream[16];
    private int size;
    private final Http2Stream[] pool = new Http2Stream[POOL];
    private int pooled;
    private final int[] recent = new int[RECENT];
    private int recentNext;

    StreamMap(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    int size() {
        return size;
    }

    Http2Stream get(int id) {
        int mask = keys.length - 1;
        for (int i = mix(id) & mask; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == id) {
                return values[i];
            }
        }
        return null;
    }

    /** Whether {@code id} finished recently (its late frames are ignored). */
    boolean isRecentlyClosed(int id) {
        for (int r : recent) {
            if (r == id) {
                return true;
            }
        }
        return false;
    }

    /** A new stream (the caller checked that {@code id} is absent and the map not full). */
    Http2Stream create(int id) {
        if ((size + 1) * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        Http2Stream s = pooled > 0 ? pool[--pooled] : new Http2Stream(maxBodyBytes);
        pool[pooled] = null;
        s.reset(id);
        put(id, s);
        size++;
        return s;
    }

    /** Forgets a stream and recycles its object; the caller must not keep it. */
    void remove(Http2Stream s) {
        int mask = keys.length - 1;
        int i = mix(s.id) & mask;
        while (values[i] != null && keys[i] != s.id) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        values[i] = null;
        size--;
        // Re-insert the rest of the probe run, so that lookups do not stop at the hole.
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            Http2Stream moved = values[j];
            values[j] = null;
            put(keys[j], moved);
        }
        recent[recentNext] = s.id;
        recentNext = (recentNext + 1) % RECENT;
        if (pooled < POOL) {
            s.reset(0);
            pool[pooled++] = s;
        }
    }

    /** The open streams in increasing id order (a new array; for the end of a connection). */
    Http2Stream[] sorted() {
        Http2Stream[] out = new Http2Stream[size];
        int n = 0;
        for (Http2Stream s : values) {
            if (s != null) {
                out[n++] = s;
            }
        }
        Arrays.sort(out, (a, b) -> Integer.compare(a.id, b.id));
        return out;
    }

    /** The open stream with the lowest id, or null. */
    Http2Stream oldest() {
        Http2Stream best = null;
        for (Http2Stream s : values) {
            if (s != null && (best == null || s.id < best.id)) {
                best = s;
            }
        }
        return best;
    }

    private void put(int id, Http2Stream s) {
        int mask = keys.length - 1;
        int i = mix(id) & mask;
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = id;
        values[i] = s;
    }

    private void rehash(int capacity) {
        int[] oldKeys = keys;
        Http2Stream[] oldValues = values;
        keys = new int[capacity];
        values = new Http2Stream[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int id) {
        return id * 0x9E3779B9 >>> 7 ^ id;
    }
}
