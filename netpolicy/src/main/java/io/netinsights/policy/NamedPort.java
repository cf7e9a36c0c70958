package io.netinsights.policy;

import java.io.Serializable;
import java.util.Locale;

/**
 * A named container port of a pod ({@code spec.containers[].ports[]} with a name), which a
 * NetworkPolicy port may refer to by name.
 *
 * @param name the port name (an IANA service name such as {@code http})
 * @param port the container port number
 * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
 */
public record NamedPort(String name, int port, String protocol) implements Serializable {
    public NamedPort {
        protocol = Flow.normalizeProtocol(protocol);
    }

    /** A TCP named port. */
    public static NamedPort tcp(String name, int port) {
        return new NamedPort(name, port, "TCP");
    }

    @Override
    public String toString() {
        return name + "=" + port + "/" + protocol.toLowerCase(Locale.ROOT);
    }
}
