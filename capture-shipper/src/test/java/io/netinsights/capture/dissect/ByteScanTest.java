package io.netinsights.capture.dissect;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The word-at-a-time searches find what a byte-by-byte loop finds, at every offset and length. */
class ByteScanTest {

    @Property(tries = 2000)
    void indexOfIsTheFirstHit(
            @ForAll("texts") byte[] b,
            @ForAll("targets") byte c,
            @ForAll @IntRange(max = 40) int cutFront,
            @ForAll @IntRange(max = 40) int cutBack) {
        int from = Math.min(cutFront, b.length);
        int to = Math.max(from, b.length - cutBack);
        assertThat(ByteScan.indexOf(b, from, to, c))
                .isEqualTo(firstIndex(b, from, to, x -> x == (c & 0xff), -1));
    }

    @Property(tries = 2000)
    void indexOfEitherIsTheFirstHitOfEither(
            @ForAll("texts") byte[] b,
            @ForAll("targets") byte c1,
            @ForAll("targets") byte c2,
            @ForAll @IntRange(max = 40) int cutFront,
            @ForAll @IntRange(max = 40) int cutBack) {
        int from = Math.min(cutFront, b.length);
        int to = Math.max(from, b.length - cutBack);
        assertThat(ByteScan.indexOfEither(b, from, to, c1, c2))
                .isEqualTo(firstIndex(b, from, to, x -> x == (c1 & 0xff) || x == (c2 & 0xff), -1));
    }

    @Property(tries = 2000)
    void indexOfJsonSpecialIsTheFirstByteToEscape(
            @ForAll("texts") byte[] b,
            @ForAll @IntRange(max = 40) int cutFront,
            @ForAll @IntRange(max = 40) int cutBack) {
        int from = Math.min(cutFront, b.length);
        int to = Math.max(from, b.length - cutBack);
        assertThat(ByteScan.indexOfJsonSpecial(b, from, to))
                .isEqualTo(firstIndex(b, from, to, x -> x < 0x20 || x == '"' || x == '\\', to));
    }

    /** The plain loop: the first index whose (unsigned) byte matches, else {@code none}. */
    private static int firstIndex(byte[] b, int from, int to, IntPredicate match, int none) {
        for (int i = from; i < to; i++) {
            if (match.test(b[i] & 0xff)) {
                return i;
            }
        }
        return none;
    }

    @Provide
    Arbitrary<byte[]> texts() {
        // Sparse hits in long runs, so both the word loop and the tail loop decide.
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(
                                30, Arbitraries.bytes().between((byte) 'a', (byte) 'z')),
                        net.jqwik.api.Tuple.of(1, Arbitraries.bytes()),
                        net.jqwik.api.Tuple.of(1, targets()))
                .array(byte[].class)
                .ofMaxSize(200);
    }

    @Provide
    Arbitrary<Byte> targets() {
        return Arbitraries.of(
                (byte) '\n',
                (byte) ':',
                (byte) '"',
                (byte) '\\',
                (byte) 0,
                (byte) 0x1f,
                (byte) 0x20,
                (byte) 0x7f,
                (byte) 0x80,
                (byte) 0xff,
                (byte) 0x0a,
                (byte) 0x8a);
    }
}
