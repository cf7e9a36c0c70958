package io.netinsights.schemas.json;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The cached startTime formatter prints exactly what {@link Instant#toString()} prints. */
class ItemJsonStartTimeTest {

    @Test
    void matchesInstantToStringAcrossSecondsMillisAndEras() {
        long[] fixed = {
            0L,
            1L,
            -1L,
            999L,
            1000L,
            -1000L,
            -1001L,
            1_767_225_600_000L,
            1_767_225_600_120L,
            253_402_300_799_999L,
            253_402_300_800_000L,
            -62_167_219_200_001L,
            Long.MAX_VALUE,
            Long.MIN_VALUE
        };
        for (long ms : fixed) {
            assertThat(ItemJson.startTime(ms)).as("millis %d", ms).isEqualTo(iso(ms));
        }
        SplittableRandom r = new SplittableRandom(42);
        long t = 1_767_225_600_000L;
        for (int i = 0; i < 20_000; i++) {
            // Mostly small steps (the cached second), sometimes jumps back and forth.
            t += i % 100 == 0 ? r.nextLong(-10_000_000_000L, 10_000_000_000L) : r.nextInt(0, 700);
            assertThat(ItemJson.startTime(t)).as("millis %d", t).isEqualTo(iso(t));
        }
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
