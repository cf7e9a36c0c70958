package io.netinsights.capture.testutils;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.CaptureStats;
import io.netinsights.capture.PcapItemReader;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Finds the shared public captures ({@code ../shared/pcaps} beside the project root) and reads
 * captures into items; tests that need a capture are skipped when the directory is absent.
 */
public final class TestPcaps {

    private TestPcaps() {}

    /** The shared capture directory, or a skipped test when it is not there. */
    public static Path dir() {
        for (String candidate : new String[] {"../../shared/pcaps", "../shared/pcaps"}) {
            Path p = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        assumeTrue(false, "shared captures not found at ../../shared/pcaps");
        return null;
    }

    /** A capture under the shared directory, e.g. {@code zeek/http__get.pcap}. */
    public static Path pcap(String relative) {
        Path p = dir().resolve(relative);
        assumeTrue(Files.isRegularFile(p), "capture missing: " + p);
        return p;
    }

    /** Every item of a capture, with the reader's counters. */
    public static Capture read(Path file) {
        return read(file, CaptureOptions.defaults());
    }

    public static Capture read(Path file, CaptureOptions options) {
        try (PcapItemReader reader = PcapItemReader.open(file, options)) {
            List<ApiItem> items = new ArrayList<>();
            reader.forEachRemaining(items::add);
            return new Capture(items, reader.stats());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Items read from a capture, and its counters. */
    public static final class Capture {
        public final List<ApiItem> items;
        public final CaptureStats stats;

        Capture(List<ApiItem> items, CaptureStats stats) {
            this.items = items;
            this.stats = stats;
        }

        /** Item {@code i} as the JSON map scripts see. */
        public Map<String, Object> json(int i) {
            return ItemJson.toMap(items.get(i));
        }

        public Map<String, Object> request(int i) {
            return ItemJson.parseObject(items.get(i).getRequest());
        }

        public Map<String, Object> response(int i) {
            return ItemJson.parseObject(items.get(i).getResponse());
        }
    }
}
