package io.netinsights.capture.k8s;

import java.util.Objects;

/** The identity of one Kubernetes Service: name and namespace. Immutable. */
public final class ServiceIdentity {
    private final String name;
    private final String namespace;

    public ServiceIdentity(String name, String namespace) {
        this.name = Objects.requireNonNull(name, "name");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ServiceIdentity)) {
            return false;
        }
        ServiceIdentity s = (ServiceIdentity) o;
        return name.equals(s.name) && namespace.equals(s.namespace);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
