package io.netinsights.policy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the reports and the policy evaluator need to know about a pod: identity, addresses, labels,
 * named ports, lifetime and workload. Built from a fabric8 {@code Pod} by {@link Pods#info}, or
 * with {@link #builder} in tests.
 *
 * @param startMillis when the pod started ({@code status.startTime}, else its creation); {@link
 *     Long#MIN_VALUE} when unknown
 * @param endMillis when it ended (deleted, or its containers finished); {@link Long#MAX_VALUE}
 *     while alive
 * @param workload {@code namespace/Kind/name} of the owning workload ({@code Deployment}, {@code
 *     StatefulSet}, ...), or {@code namespace/Pod/name} for a bare pod
 */
public record PodInfo(
        String namespace,
        String name,
        String uid,
        List<String> ips,
        String hostIp,
        String node,
        Map<String, String> labels,
        long startMillis,
        long endMillis,
        String phase,
        boolean hostNetwork,
        List<NamedPort> namedPorts,
        String workload)
        implements Serializable {

    public PodInfo {
        ips = List.copyOf(ips);
        labels = Map.copyOf(labels);
        namedPorts = List.copyOf(namedPorts);
        hostIp = hostIp == null ? "" : hostIp;
        node = node == null ? "" : node;
        uid = uid == null ? "" : uid;
        phase = phase == null ? "" : phase;
    }

    /** {@code namespace/name}. */
    public String key() {
        return namespace + "/" + name;
    }

    /** Whether the pod was running at {@code t}. */
    public boolean aliveAt(long t) {
        return startMillis <= t && t < endMillis;
    }

    /** Whether the pod was running for the whole of {@code [start, end)}. */
    public boolean aliveThroughout(long start, long end) {
        return startMillis <= start && endMillis >= end;
    }

    /** A copy that ended at {@code t}. */
    public PodInfo endedAt(long t) {
        return new PodInfo(
                namespace,
                name,
                uid,
                ips,
                hostIp,
                node,
                labels,
                startMillis,
                t,
                phase,
                hostNetwork,
                namedPorts,
                workload);
    }

    public static Builder builder(String namespace, String name) {
        return new Builder(namespace, name);
    }

    /** Builder for hand-made pods (tests, script flows); a bare, always-running pod by default. */
    public static final class Builder {
        private final String namespace;
        private final String name;
        private String uid = "";
        private final List<String> ips = new ArrayList<>();
        private String hostIp = "";
        private String node = "";
        private final Map<String, String> labels = new LinkedHashMap<>();
        private long start = Long.MIN_VALUE;
        private long end = Long.MAX_VALUE;
        private String phase = "Running";
        private boolean hostNetwork;
        private final List<NamedPort> ports = new ArrayList<>();
        private String workload;

        private Builder(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }

        public Builder uid(String v) {
            uid = v;
            return this;
        }

        public Builder ip(String v) {
            ips.add(v);
            return this;
        }

        public Builder hostIp(String v) {
            hostIp = v;
            return this;
        }

        public Builder node(String v) {
            node = v;
            return this;
        }

        public Builder label(String k, String v) {
            labels.put(k, v);
            return this;
        }

        public Builder labels(Map<String, String> m) {
            labels.putAll(m);
            return this;
        }

        public Builder start(long v) {
            start = v;
            return this;
        }

        public Builder end(long v) {
            end = v;
            return this;
        }

        public Builder phase(String v) {
            phase = v;
            return this;
        }

        public Builder hostNetwork(boolean v) {
            hostNetwork = v;
            return this;
        }

        public Builder port(String portName, int port, String protocol) {
            ports.add(new NamedPort(portName, port, protocol));
            return this;
        }

        public Builder workload(String v) {
            workload = v;
            return this;
        }

        public PodInfo build() {
            return new PodInfo(
                    namespace,
                    name,
                    uid,
                    ips,
                    hostIp,
                    node,
                    labels,
                    start,
                    end,
                    phase,
                    hostNetwork,
                    ports,
                    workload != null ? workload : namespace + "/Pod/" + name);
        }
    }
}
