package io.netinsights.assistant.eval;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of an evaluation: one row per question and the summary rates.
 *
 * @param rows per-question results
 */
public record EvalReport(List<Row> rows) {
    /**
     * One question's result.
     *
     * @param id question id
     * @param question the question
     * @param expected the check
     * @param source template id, "llm", or "-" when there was no script
     * @param status the answer's status
     * @param parsed whether the script parsed as ES5 (null when no script was expected)
     * @param apiValid whether it passed the validator (null when no script was expected)
     * @param correct whether its output matched the expected answer
     * @param repairRounds model repair rounds
     * @param askMillis time to answer
     * @param runMillis time to run the script on the evaluation traffic
     * @param detail why it was wrong
     */
    public record Row(
            String id,
            String question,
            String expected,
            String source,
            String status,
            Boolean parsed,
            Boolean apiValid,
            boolean correct,
            int repairRounds,
            long askMillis,
            long runMillis,
            String detail) {}

    public EvalReport {
        rows = List.copyOf(rows);
    }

    public double executionAccuracy() {
        return rows.isEmpty()
                ? 0
                : rows.stream().filter(Row::correct).count() / (double) rows.size();
    }

    public double parseRate() {
        return rate(rows.stream().filter(r -> r.parsed() != null).map(Row::parsed).toList());
    }

    public double apiValidRate() {
        return rate(rows.stream().filter(r -> r.apiValid() != null).map(Row::apiValid).toList());
    }

    public double meanRepairRounds() {
        return rows.stream().mapToInt(Row::repairRounds).average().orElse(0);
    }

    public long medianAskMillis() {
        long[] t = rows.stream().mapToLong(Row::askMillis).sorted().toArray();
        return t.length == 0 ? 0 : t[t.length / 2];
    }

    public long maxAskMillis() {
        return rows.stream().mapToLong(Row::askMillis).max().orElse(0);
    }

    private static double rate(List<Boolean> xs) {
        return xs.isEmpty()
                ? 0
                : xs.stream().filter(Boolean::booleanValue).count() / (double) xs.size();
    }

    /** A plain-text table: one line per question, then the summary. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "%-22s %-18s %-20s %-5s %-5s %-7s %7s  %s%n",
                        "id",
                        "check",
                        "answered by",
                        "parse",
                        "api",
                        "correct",
                        "ask ms",
                        "detail"));
        for (Row r : rows) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%-22s %-18s %-20s %-5s %-5s %-7s %7d  %s%n",
                            r.id(),
                            r.expected(),
                            r.source(),
                            yn(r.parsed()),
                            yn(r.apiValid()),
                            r.correct() ? "yes" : "NO",
                            r.askMillis(),
                            r.detail()));
        }
        b.append(summary());
        return b.toString();
    }

    /** The summary table (Markdown). */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "| questions | parse rate | API-valid rate | execution accuracy | mean repair rounds | median / max latency |%n"
                        + "|---|---|---|---|---|---|%n"
                        + "| %d | %.1f %% | %.1f %% | %.1f %% (%d/%d) | %.2f | %d ms / %d ms |%n",
                rows.size(),
                100 * parseRate(),
                100 * apiValidRate(),
                100 * executionAccuracy(),
                rows.stream().filter(Row::correct).count(),
                rows.size(),
                meanRepairRounds(),
                medianAskMillis(),
                maxAskMillis());
    }

    private static String yn(Boolean b) {
        return b == null ? "-" : b ? "yes" : "no";
    }
}
