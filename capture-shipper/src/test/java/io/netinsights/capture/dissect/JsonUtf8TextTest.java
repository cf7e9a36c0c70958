package io.netinsights.capture.dissect;

import io.netinsights.schemas.json.ItemJson;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies written as bytes must come out as the same JSON text as the body decoded to a String and
 * written by Jackson: same escapes, same replacement of invalid UTF-8.
 */
class JsonUtf8TextTest {

    @Property(tries = 3000)
    void sameTextAsJacksonWritingTheDecodedString(@ForAll("bodies") byte[] body)
            throws IOException {
        String expected =
                ItemJson.MAPPER.writeValueAsString(new String(body, StandardCharsets.UTF_8));
        assertThat(viaBytes(body, 0, body.length)).isEqualTo(expected);
    }

    @Property(tries = 500)
    void honoursOffsetAndLength(@ForAll("bodies") byte[] body) throws IOException {
        int from = body.length / 3;
        int to = body.length - body.length / 4;
        byte[] part = Arrays.copyOfRange(body, from, to);
        assertThat(viaBytes(body, from, to - from))
                .isEqualTo(
                        ItemJson.MAPPER.writeValueAsString(
                                new String(part, StandardCharsets.UTF_8)));
    }

    @Test
    void escapesEveryKindOfSpecialByteInEveryPositionOfAWord() throws IOException {
        byte[] specials = {0, 1, 8, 9, 10, 12, 13, 0x1b, 0x1f, '"', '\\'};
        for (byte special : specials) {
            for (int pos = 0; pos < 19; pos++) {
                byte[] b = new byte[19];
                Arrays.fill(b, (byte) 'x');
                b[pos] = special;
                String expected =
                        ItemJson.MAPPER.writeValueAsString(new String(b, StandardCharsets.UTF_8));
                assertThat(viaBytes(b, 0, b.length))
                        .as("byte %d at %d", special, pos)
                        .isEqualTo(expected);
            }
        }
        // bytes just around the special ranges are not escaped
        byte[] near = {0x20, '!', '#', '[', ']', 0x7f, (byte) 0xc3, (byte) 0xa9, '/'};
        assertThat(viaBytes(near, 0, near.length)).isEqualTo("\" !#[]\u007fé/\"");
        assertThat(ByteScan.indexOfJsonSpecial(near, 0, near.length)).isEqualTo(near.length);
    }

    @Test
    void longBodiesGrowTheScratchAndStayExact() throws IOException {
        byte[] b = new byte[3 << 20];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % 7 == 0 ? '"' : 'a' + i % 26);
        }
        String expected = ItemJson.MAPPER.writeValueAsString(new String(b, StandardCharsets.UTF_8));
        assertThat(viaBytes(b, 0, b.length)).isEqualTo(expected);
        // and a short one afterwards still comes out right from the (replaced) scratch array
        byte[] small = "a\"b".getBytes(StandardCharsets.UTF_8);
        assertThat(viaBytes(small, 0, small.length)).isEqualTo("\"a\\\"b\"");
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        // Mostly text with the bytes that matter: specials, multi-byte UTF-8 and its broken pieces.
        Arbitrary<Byte> interesting =
                Arbitraries.of(
                        (byte) 'a',
                        (byte) ' ',
                        (byte) '"',
                        (byte) '\\',
                        (byte) '\n',
                        (byte) 0,
                        (byte) 0x1f,
                        (byte) 0x7f,
                        (byte) 0xc3,
                        (byte) 0xa9,
                        (byte) 0xe2,
                        (byte) 0x82,
                        (byte) 0xac,
                        (byte) 0xf0,
                        (byte) 0x9f,
                        (byte) 0x98,
                        (byte) 0x80,
                        (byte) 0xed,
                        (byte) 0xa0,
                        (byte) 0xff,
                        (byte) 0xc0);
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<Byte> plain = Arbitraries.bytes().between((byte) 'a', (byte) 'z');
        Arbitrary<Byte> mix =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, plain),
                        net.jqwik.api.Tuple.of(3, interesting),
                        net.jqwik.api.Tuple.of(1, any));
        return mix.array(byte[].class).ofMaxSize(300);
    }

    private static String viaBytes(byte[] b, int off, int len) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g =
                ItemJson.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            JsonUtf8Text.write(g, b, off, len);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
