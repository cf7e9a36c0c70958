package io.netinsights.capture;

import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.testutils.TestPcaps;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.Pcaps;

import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds the frames of every shared capture, with random bytes changed and frames cut short, to the
 * pipeline: nothing may throw, no internal error may be counted (bad input is a parse error, not a
 * bug), and every item must still be valid JSON.
 */
class CapturePipelineFuzzTest {

    private static final int ROUNDS = 200;

    @Test
    void damagedFramesAreCountedNotThrown() throws Exception {
        Random random = new Random(7);
        long frames = 0;
        long items = 0;
        for (Path file : captures()) {
            int dlt;
            List<byte[]> original = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            PcapHandle h = Pcaps.openOffline(file.toString(), TimestampPrecision.MICRO);
            try {
                dlt = h.getDlt().value();
                while (true) {
                    try {
                        original.add(h.getNextRawPacketEx());
                        times.add(h.getTimestamp().getTime() * 1000);
                    } catch (EOFException e) {
                        break;
                    }
                }
            } finally {
                h.close();
            }
            for (int round = 0; round < ROUNDS; round++) {
                List<ApiItem> out = new ArrayList<>();
                CaptureStats stats = new CaptureStats();
                CapturePipeline p = new CapturePipeline(CaptureOptions.defaults(), stats, out::add);
                for (int i = 0; i < original.size(); i++) {
                    byte[] f = damage(original.get(i), random);
                    p.onPacket(dlt, f, f.length, times.get(i));
                    frames++;
                }
                p.finish();
                assertThat(stats.get(Counter.INTERNAL_ERRORS))
                        .as("%s round %d", file, round)
                        .isZero();
                for (ApiItem item : out) {
                    assertThat(ItemJson.fromJson(ItemJson.toJson(item))).isEqualTo(item);
                }
                items += out.size();
            }
        }
        assertThat(frames).isPositive();
        assertThat(items).isPositive();
    }

    private static byte[] damage(byte[] frame, Random random) {
        byte[] f = frame.clone();
        int kind = random.nextInt(4);
        if (kind == 0) {
            return f; // leave some frames intact so that flows get going
        }
        if (kind == 1 && f.length > 0) {
            return Arrays.copyOf(f, random.nextInt(f.length));
        }
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes && f.length > 0; i++) {
            f[random.nextInt(f.length)] = (byte) random.nextInt(256);
        }
        return f;
    }

    private static List<Path> captures() throws Exception {
        try (Stream<Path> s = Files.walk(TestPcaps.dir())) {
            return s.filter(p -> p.toString().endsWith(".pcap"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
