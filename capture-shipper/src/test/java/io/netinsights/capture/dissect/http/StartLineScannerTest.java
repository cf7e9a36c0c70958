package io.netinsights.capture.dissect.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Where {@link StartLineScanner} finds the next message after a gap, in one piece or several. */
class StartLineScannerTest {

    private final StartLineScanner scanner = new StartLineScanner();

    @Test
    void findsAPrefixInsideALine() {
        assertThat(find("thirdHTTP/1.1 200 OK\r\n")).isEqualTo(5);
        assertThat(find("}GET /x HTTP/1.1\r\n")).isEqualTo(1);
    }

    @Test
    void skipsBytesWithoutAPrefix() {
        assertThat(find("no start line here, only GETTING\r\n")).isEqualTo(-1);
    }

    @Test
    void carriesAPrefixCutBetweenPieces() {
        assertThat(find("body...HT")).isEqualTo(-1);
        assertThat(find("TP/1.1 200 OK")).isEqualTo(-2); // began two carried bytes earlier
        assertThat(new String(scanner.carried(2), StandardCharsets.US_ASCII)).isEqualTo("HT");
    }

    @Test
    void carriesAcrossTinyPieces() {
        assertThat(find("xP")).isEqualTo(-1);
        assertThat(find("O")).isEqualTo(-1);
        assertThat(find("S")).isEqualTo(-1);
        assertThat(find("T /a")).isEqualTo(-3);
        assertThat(new String(scanner.carried(3), StandardCharsets.US_ASCII)).isEqualTo("POS");
    }

    @Test
    void aCarriedPrefixThatFailsIsDropped() {
        assertThat(find("HTT")).isEqualTo(-1);
        assertThat(find("X GET / HTTP/1.1")).isEqualTo(2);
    }

    private int find(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return scanner.find(b, 0, b.length);
    }
}
