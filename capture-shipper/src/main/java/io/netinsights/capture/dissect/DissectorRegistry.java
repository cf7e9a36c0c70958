package io.netinsights.capture.dissect;

import io.netinsights.capture.dissect.dns.DnsDissector;
import io.netinsights.capture.dissect.http.HttpDissector;
import io.netinsights.capture.dissect.http2.Http2Dissector;
import io.netinsights.capture.dissect.kafka.KafkaDissector;
import io.netinsights.capture.dissect.postgres.PostgresDissector;
import io.netinsights.capture.dissect.redis.RedisDissector;

import java.util.List;

/**
 * Chooses the dissector of a new flow from its first payload: a content match beats a port match,
 * and among equals the dissector registered first wins. A flow no dissector claims is ignored.
 */
public final class DissectorRegistry {

    private final Dissector[] dissectors;

    public DissectorRegistry(List<Dissector> dissectors) {
        this.dissectors = dissectors.toArray(new Dissector[0]);
    }

    /** HTTP/1.x, HTTP/2 (gRPC), DNS, Redis, Kafka and PostgreSQL. */
    public static DissectorRegistry defaults() {
        return new DissectorRegistry(
                List.of(
                        new HttpDissector(),
                        new Http2Dissector(),
                        new DnsDissector(),
                        new RedisDissector(),
                        new KafkaDissector(),
                        new PostgresDissector()));
    }

    /** The best dissector for this first payload, or null when none claims it. */
    public Dissector select(
            Transport transport, int srcPort, int dstPort, byte[] buf, int off, int len) {
        Dissector best = null;
        int bestScore = Dissector.NO_MATCH;
        for (Dissector d : dissectors) {
            int score = d.score(transport, srcPort, dstPort, buf, off, len);
            if (score > bestScore) {
                best = d;
                bestScore = score;
            }
        }
        return best;
    }
}
