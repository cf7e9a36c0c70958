package io.netinsights.jobs.reports;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The built-in reports, by the name that {@code report NAME} and report records use. */
public enum Report {
    LATENCY_ANOMALIES("latency-anomalies"),
    IDLE_PODS("idle-pods"),
    TOP_TALKERS("top-talkers"),
    ERROR_SPIKES("error-spikes"),
    POLICY_IMPACT("policy-impact");

    private final String id;

    Report(String id) {
        this.id = id;
    }

    /** The name in report records and on the command line. */
    public String id() {
        return id;
    }

    /**
     * Reports by name (or the first word of it), comma-separated; {@code all} is latency anomalies,
     * top talkers and error spikes, plus idle pods {@code withPods} and policy impact {@code
     * withPolicies}.
     */
    public static Set<Report> parse(String names, boolean withPods, boolean withPolicies) {
        Set<Report> out = EnumSet.noneOf(Report.class);
        for (String raw : names.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                out.addAll(EnumSet.of(LATENCY_ANOMALIES, TOP_TALKERS, ERROR_SPIKES));
                if (withPods) {
                    out.add(IDLE_PODS);
                }
                if (withPolicies) {
                    out.add(POLICY_IMPACT);
                }
                continue;
            }
            Report match = null;
            for (Report r : values()) {
                if (r.id.equals(name) || r.id.startsWith(name + "-")) {
                    match = r;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException(
                        "unknown report '" + raw.trim() + "'; known: " + names() + ", all");
            }
            out.add(match);
        }
        return out;
    }

    /** Every report name. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Report r : values()) {
            out.add(r.id);
        }
        return out;
    }
}
