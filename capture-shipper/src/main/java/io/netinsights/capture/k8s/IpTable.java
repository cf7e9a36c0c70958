package io.netinsights.capture.k8s;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IP addresses claimed by Kubernetes objects (owners), each owner with one value. When owners claim
 * the same IP (an IP reused while the old pod is still known), the latest claim is visible and the
 * earlier one comes back if the latest is withdrawn. Writes are serialised; {@link #get} is
 * lock-free, so the capture thread never waits for an informer.
 */
final class IpTable<V> {
    private final Map<String, List<String>> ipsByOwner = new HashMap<>();
    private final Map<String, LinkedHashMap<String, V>> claims = new HashMap<>();
    private final ConcurrentHashMap<String, V> visible = new ConcurrentHashMap<>();

    /** Replaces everything {@code owner} claimed by {@code ips}, each with {@code value}. */
    synchronized void put(String owner, Collection<String> ips, V value) {
        remove(owner);
        if (ips.isEmpty()) {
            return;
        }
        List<String> owned = new ArrayList<>(ips.size());
        for (String ip : ips) {
            if (ip == null || ip.isEmpty() || owned.contains(ip)) {
                continue;
            }
            owned.add(ip);
            claims.computeIfAbsent(ip, k -> new LinkedHashMap<>()).put(owner, value);
            visible.put(ip, value);
        }
        ipsByOwner.put(owner, owned);
    }

    /** Withdraws every claim of {@code owner}. */
    synchronized void remove(String owner) {
        List<String> ips = ipsByOwner.remove(owner);
        if (ips == null) {
            return;
        }
        for (String ip : ips) {
            LinkedHashMap<String, V> c = claims.get(ip);
            if (c == null) {
                continue;
            }
            c.remove(owner);
            if (c.isEmpty()) {
                claims.remove(ip);
                visible.remove(ip);
            } else {
                V latest = null;
                for (V v : c.values()) {
                    latest = v;
                }
                visible.put(ip, latest);
            }
        }
    }

    /** The value of the latest claim on {@code ip}, or null. */
    V get(String ip) {
        return ip == null ? null : visible.get(ip);
    }

    /** How many IPs are claimed. */
    int size() {
        return visible.size();
    }
}
