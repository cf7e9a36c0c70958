package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.DissectorRegistry;
import io.netinsights.capture.dissect.Transport;
import io.netinsights.capture.testutils.TestingHttp2;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which first payloads the HTTP/2 dissector claims: the preface and runs of plausible frames on any
 * port, gRPC's port weakly, and not the first bytes of other protocols.
 */
class Http2DissectorTest {

    private final Http2Dissector d = new Http2Dissector();

    @Test
    void prefaceAndFramesAreContentMatches() {
        TestingHttp2 mid = new TestingHttp2();
        mid.frame(TestingHttp2.SETTINGS, 1, 0, new byte[0]);
        mid.headers(7, false, ":method", "GET", ":path", "/", ":authority", "h");

        assertThat(score(TestingHttp2.PREFACE)).isEqualTo(Dissector.CONTENT_MATCH);
        assertThat(score("PRI * HTTP/2.0\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Dissector.CONTENT_MATCH);
        assertThat(score(mid.bytes())).isEqualTo(Dissector.CONTENT_MATCH);
        // A frame cut by the end of the segment still counts after a complete one.
        assertThat(score(java.util.Arrays.copyOf(mid.bytes(), 20)))
                .isEqualTo(Dissector.CONTENT_MATCH);
    }

    @Test
    void otherProtocolsAreNotClaimed() {
        String[] starts = {
            "474554202f20485454502f312e310d0a", // GET / HTTP/1.1
            "16030100c8010000c40303", // TLS ClientHello
            "0000003a0000000000000001000a", // Kafka-like length prefix
            "0000000804d2162f", // PostgreSQL SSLRequest
            "2a310d0a24340d0a50494e470d0a", // Redis *1 $4 PING
            "001c12340100000100000000000006676f6f676c6503636f6d0000010001" // DNS over TCP
        };
        for (String hex : starts) {
            assertThat(score(HexFormat.of().parseHex(hex))).as(hex).isEqualTo(Dissector.NO_MATCH);
        }
        assertThat(d.score(Transport.UDP, 1, 2, TestingHttp2.PREFACE, 0, 24))
                .isEqualTo(Dissector.NO_MATCH);
    }

    @Test
    void randomPayloadsAreRarelyClaimed() {
        Random random = new Random(5);
        int claimed = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[9 + random.nextInt(200)];
            random.nextBytes(b);
            if (score(b) != Dissector.NO_MATCH) {
                claimed++;
            }
        }
        assertThat(claimed).isLessThan(20);
    }

    @Test
    void grpcPortIsAPortMatchAndTheRegistryPicksHttp2() {
        byte[] junk = {1, 2, 3};
        assertThat(d.score(Transport.TCP, 50051, 40000, junk, 0, 3))
                .isEqualTo(Dissector.PORT_MATCH);
        assertThat(
                        DissectorRegistry.defaults()
                                .select(Transport.TCP, 40000, 8080, TestingHttp2.PREFACE, 0, 24))
                .isInstanceOf(Http2Dissector.class);
    }

    private int score(byte[] b) {
        return d.score(Transport.TCP, 40000, 12345, b, 0, b.length);
    }
}
