package io.netinsights.capture.k8s;

import java.util.Map;
import java.util.Objects;

/** The identity of one pod as items carry it: name, namespace and labels. Immutable. */
public final class PodIdentity {
    private final String name;
    private final String namespace;
    private final Map<String, String> labels;

    public PodIdentity(String name, String namespace, Map<String, String> labels) {
        this.name = Objects.requireNonNull(name, "name");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    /** The pod's labels, unmodifiable. */
    public Map<String, String> labels() {
        return labels;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PodIdentity)) {
            return false;
        }
        PodIdentity p = (PodIdentity) o;
        return name.equals(p.name) && namespace.equals(p.namespace) && labels.equals(p.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, labels);
    }

    @Override
    public String toString() {
        return namespace + "/" + name + labels;
    }
}
