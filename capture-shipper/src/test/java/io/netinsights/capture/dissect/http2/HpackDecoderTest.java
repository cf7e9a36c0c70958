package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.testutils.TestingHttp2;

import com.twitter.hpack.Decoder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our HPACK decoder against the examples of RFC 7541 Appendix C, against Twitter's decoder on
 * random header lists, and on the states a passive observer meets: a table it never saw filled,
 * blocks it lost, and garbage.
 */
class HpackDecoderTest {

    @Test
    void rfc7541RequestsWithoutHuffman() {
        // RFC 7541 C.3.1 to C.3.3
        HpackDecoder d = new HpackDecoder();

        assertThat(decode(d, "828684410f7777772e6578616d706c652e636f6d"))
                .containsExactly(
                        ":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com");
        assertThat(decode(d, "828684be58086e6f2d6361636865"))
                .containsExactly(
                        ":method: GET",
                        ":scheme: http",
                        ":path: /",
                        ":authority: www.example.com",
                        "cache-control: no-cache");
        assertThat(decode(d, "828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565"))
                .containsExactly(
                        ":method: GET",
                        ":scheme: https",
                        ":path: /index.html",
                        ":authority: www.example.com",
                        "custom-key: custom-value");
        assertThat(d.takeViolations()).isZero();
    }

    @Test
    void rfc7541RequestsWithHuffman() {
        // RFC 7541 C.4.1 to C.4.3
        HpackDecoder d = new HpackDecoder();

        assertThat(decode(d, "828684418cf1e3c2e5f23a6ba0ab90f4ff"))
                .containsExactly(
                        ":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com");
        assertThat(decode(d, "828684be5886a8eb10649cbf")).contains("cache-control: no-cache");
        assertThat(decode(d, "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf"))
                .contains(":path: /index.html", "custom-key: custom-value");
    }

    @Test
    void rfc7541ResponsesEvictFromA256ByteTable() {
        // RFC 7541 C.6.1 to C.6.3; the table size the example assumes is set by an update first
        HpackDecoder d = new HpackDecoder();

        assertThat(
                        decode(
                                d,
                                "3fe101"
                                        + "488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863c78f0b97c8e9ae82ae43d3"))
                .containsExactly(
                        ":status: 302",
                        "cache-control: private",
                        "date: Mon, 21 Oct 2013 20:13:21 GMT",
                        "location: https://www.example.com");
        assertThat(decode(d, "4883640effc1c0bf")).startsWith(":status: 307");
        assertThat(
                        decode(
                                d,
                                "88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007"))
                .containsExactly(
                        ":status: 200",
                        "cache-control: private",
                        "date: Mon, 21 Oct 2013 20:13:22 GMT",
                        "location: https://www.example.com",
                        "content-encoding: gzip",
                        "set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");
        assertThat(d.takeViolations()).isZero();
    }

    @Test
    void agreesWithTwitterDecoderOnRandomHeaderLists() throws IOException {
        Random random = new Random(42);
        String[] names = {
            "content-type", "x-trace", "cookie", "user-agent", ":path", "grpc-status"
        };
        for (int conn = 0; conn < 50; conn++) {
            int tableSize = random.nextBoolean() ? 4096 : 64 + random.nextInt(512);
            TestingHttp2 encoder = new TestingHttp2(4096);
            HpackDecoder ours = new HpackDecoder();
            Decoder theirs = new Decoder(1 << 20, 4096);
            for (int block = 0; block < 20; block++) {
                byte[] update = block == 0 ? encoder.tableSizeUpdate(tableSize) : new byte[0];
                List<String> fields = new ArrayList<>();
                for (int i = 0, n = random.nextInt(12); i < n; i++) {
                    fields.add(names[random.nextInt(names.length)]);
                    fields.add(randomValue(random));
                }
                byte[] b =
                        TestingHttp2.concat(update, encoder.block(fields.toArray(new String[0])));
                List<String> expected = new ArrayList<>();
                theirs.decode(
                        new ByteArrayInputStream(b),
                        (n, v, s) -> expected.add(new String(n) + ": " + new String(v)));
                theirs.endHeaderBlock();

                assertThat(decode(ours, b)).as("conn %d block %d", conn, block).isEqualTo(expected);
            }
            assertThat(ours.takeViolations()).isZero();
        }
    }

    @Test
    void midConnectionUnknownEntriesAreCountedNotGuessed() {
        // A block from a connection already running: 0xbe is dynamic entry 1 (never seen), then a
        // literal "te: trailers" with incremental indexing, then indexed :method POST (0x83).
        HpackDecoder d = new HpackDecoder();
        d.startMidConnection();
        HeaderList out = new HeaderList();

        boolean ok = decodeInto(d, "be4002746508747261696c65727383", out);

        assertThat(ok).isTrue();
        assertThat(out.unknown()).isEqualTo(1);
        assertThat(out.get("te")).isEqualTo("trailers");
        assertThat(out.get(":method")).isEqualTo("POST");
        // The entry the block inserted is index 62 now, whatever came before it.
        out.clear();
        assertThat(decodeInto(d, "be", out)).isTrue();
        assertThat(out.get("te")).isEqualTo("trailers");
        assertThat(out.unknown()).isZero();
        // Index 63 is older than anything we saw: unknown, and not an error.
        out.clear();
        assertThat(decodeInto(d, "bf", out)).isTrue();
        assertThat(out.unknown()).isEqualTo(1);
        assertThat(d.takeViolations()).isZero();
    }

    @Test
    void literalWithUnknownNameKeepsTheTableInStep() {
        HpackDecoder d = new HpackDecoder();
        d.startMidConnection();
        HeaderList out = new HeaderList();
        // 0x7f 0x01 = literal with indexing, name index 64 (unknown), value "v"; then
        // literal with indexing, new name "a: b".
        assertThat(decodeInto(d, "7f0101764001610162", out)).isTrue();
        assertThat(out.unknown()).isEqualTo(1);
        out.clear();
        // 62 is "a: b", 63 is the entry with the unknown name.
        assertThat(decodeInto(d, "bebf", out)).isTrue();
        assertThat(out.get("a")).isEqualTo("b");
        assertThat(out.unknown()).isEqualTo(1);
    }

    @Test
    void sizeUpdateToZeroMakesTheTableKnownAgain() {
        HpackDecoder d = new HpackDecoder();
        d.startMidConnection();
        HeaderList out = new HeaderList();
        // Size update 0, size update 4096 (3fe11f), literal with indexing "a: b", then index 63.
        assertThat(decodeInto(d, "203fe11f4001610162bf", out)).isTrue();
        assertThat(out.get("a")).isEqualTo("b");
        assertThat(out.unknown()).isEqualTo(1);
        assertThat(d.takeViolations()).as("63 cannot exist in a known table").isEqualTo(1);
    }

    @Test
    void malformedBlocksFailAndForgetTheTable() {
        HpackDecoder d = new HpackDecoder();
        HeaderList out = new HeaderList();
        assertThat(decodeInto(d, "4001610162", out)).isTrue(); // a: b at 62
        out.clear();

        assertThat(decodeInto(d, "80", out)).as("index 0").isFalse();
        assertThat(decodeInto(d, "400a6375", out)).as("string past the end").isFalse();
        assertThat(decodeInto(d, "7fffffffff7f", out)).as("integer overflow").isFalse();
        assertThat(decodeInto(d, "4081ff0162", out)).as("Huffman padding of 8 bits").isFalse();
        out.clear();
        assertThat(decodeInto(d, "be", out)).isTrue();
        assertThat(out.unknown()).as("the table is unknown after damage").isEqualTo(1);
        assertThat(d.takeViolations()).isEqualTo(4);
    }

    @Test
    void huffmanRejectsBadPadding() {
        byte[] out = new byte[16];
        // "a" is 00011 (5 bits): padded with ones is 0x1f; padded with zeros is invalid.
        assertThat(Huffman.decode(hex("1f"), 0, 1, out)).isEqualTo(1);
        assertThat(out[0]).isEqualTo((byte) 'a');
        assertThat(Huffman.decode(hex("18"), 0, 1, out)).isEqualTo(-1);
        // Eight or more bits of padding are invalid too.
        assertThat(Huffman.decode(hex("1fff"), 0, 2, out)).isEqualTo(-1);
    }

    private static boolean decodeInto(HpackDecoder d, String hex, HeaderList out) {
        byte[] b = hex(hex);
        return d.decode(b, 0, b.length, out);
    }

    private static List<String> decode(HpackDecoder d, String hex) {
        return decode(d, hex(hex));
    }

    private static List<String> decode(HpackDecoder d, byte[] block) {
        HeaderList out = new HeaderList();
        assertThat(d.decode(block, 0, block.length, out)).isTrue();
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            fields.add(out.name(i) + ": " + out.value(i));
        }
        return fields;
    }

    private static String randomValue(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = random.nextInt(40); i < n; i++) {
            sb.append((char) (' ' + random.nextInt(95)));
        }
        return sb.toString();
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
