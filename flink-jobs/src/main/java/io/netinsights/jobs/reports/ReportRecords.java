package io.netinsights.jobs.reports;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ReportRecord;
import io.netinsights.schemas.json.ItemJson;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/** Builds report records and prints them as one readable line each. */
public final class ReportRecords {
    /** Window, report, key kind, rank, key: the order in which a replay prints its records. */
    public static final Comparator<ReportRecord> ORDER =
            Comparator.comparingLong(ReportRecord::getWindowStart)
                    .thenComparing(ReportRecord::getReport)
                    .thenComparing(ReportRecord::getKeyKind)
                    .thenComparingInt(ReportRecord::getRank)
                    .thenComparing(ReportRecord::getKey);

    /** The report name of the records that {@link #lateItem} makes. */
    public static final String LATE_ITEMS = "late-items";

    private ReportRecords() {}

    /**
     * A record saying that an item came after its window was reported, so that a command can show
     * it next to the reports (key: the item id; it is in no report).
     */
    public static ReportRecord lateItem(ApiItem item, long windowMillis) {
        long start = Windows.start(item.getTimestamp(), windowMillis);
        return ReportRecord.newBuilder()
                .setReport(LATE_ITEMS)
                .setWindowStart(start)
                .setWindowEnd(start + windowMillis)
                .setKeyKind("item")
                .setKey(item.getId())
                .setTimestamp(item.getTimestamp())
                .build();
    }

    /** A record of window {@code [start, start + size)}; its event time is the window's end - 1. */
    public static ReportRecord of(
            Report report,
            long start,
            long size,
            String keyKind,
            String key,
            int rank,
            Map<String, Double> metrics,
            Map<String, Object> details) {
        return ReportRecord.newBuilder()
                .setReport(report.id())
                .setWindowStart(start)
                .setWindowEnd(start + size)
                .setKeyKind(keyKind)
                .setKey(key)
                .setRank(rank)
                .setMetrics(new TreeMap<>(metrics))
                .setDetails(ItemJson.write(details))
                .setTimestamp(start + size - 1)
                .build();
    }

    /**
     * {@code [report] start..end kind key #rank metric=value ... details}, with times in ISO form
     * and whole numbers without decimals.
     */
    public static String format(ReportRecord r) {
        StringBuilder b = new StringBuilder();
        b.append('[')
                .append(r.getReport())
                .append("] ")
                .append(Instant.ofEpochMilli(r.getWindowStart()))
                .append("..")
                .append(Instant.ofEpochMilli(r.getWindowEnd()))
                .append(' ')
                .append(r.getKeyKind())
                .append(' ')
                .append(r.getKey());
        if (r.getRank() > 0) {
            b.append(" #").append(r.getRank());
        }
        for (Map.Entry<String, Double> m : new TreeMap<>(r.getMetrics()).entrySet()) {
            b.append(' ').append(m.getKey()).append('=').append(number(m.getValue()));
        }
        if (!r.getDetails().equals("{}")) {
            b.append(' ').append(r.getDetails());
        }
        return b.toString();
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}
