package io.netinsights.policy;

import java.io.Serializable;
import java.util.Locale;

/**
 * An observed connection as NetworkPolicy sees it: source and destination endpoints, the
 * destination port and the L4 protocol ({@code TCP} when not given, as in NetworkPolicy ports).
 */
public record Flow(FlowEndpoint src, FlowEndpoint dst, int port, String protocol)
        implements Serializable {

    public Flow {
        if (src == null || dst == null) {
            throw new IllegalArgumentException("a flow needs a source and a destination");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        protocol = normalizeProtocol(protocol);
    }

    /** A TCP flow. */
    public static Flow tcp(FlowEndpoint src, FlowEndpoint dst, int port) {
        return new Flow(src, dst, port, "TCP");
    }

    /** Upper case; {@code null} or empty is {@code TCP}. */
    static String normalizeProtocol(String p) {
        return p == null || p.isBlank() ? "TCP" : p.trim().toUpperCase(Locale.ROOT);
    }

    /** {@code src -> dst:port/proto}, with pods as {@code namespace/name}. */
    public String describe() {
        return src.describe()
                + " -> "
                + dst.describe()
                + ":"
                + port
                + "/"
                + protocol.toLowerCase(Locale.ROOT);
    }
}
