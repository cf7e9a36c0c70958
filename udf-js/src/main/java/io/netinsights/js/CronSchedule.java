package io.netinsights.js;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A job schedule: a 6-field cron with seconds first ({@code "*}{@code /5 * * * * *"} = every 5 s),
 * as Kubeshark's jobs use, parsed by cron-utils and evaluated in UTC; or a descriptor such as
 * {@code @hourly} or {@code @every 30s}.
 */
public final class CronSchedule {
    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

    private static final Map<String, String> NICKNAMES =
            Map.of(
                    "@yearly", "0 0 0 1 1 *",
                    "@annually", "0 0 0 1 1 *",
                    "@monthly", "0 0 0 1 * *",
                    "@weekly", "0 0 0 * * 0",
                    "@daily", "0 0 0 * * *",
                    "@midnight", "0 0 0 * * *",
                    "@hourly", "0 0 * * * *");

    private final String expression;
    private final ExecutionTime execution;
    private final long everyMillis;

    private CronSchedule(String expression, ExecutionTime execution, long everyMillis) {
        this.expression = expression;
        this.execution = execution;
        this.everyMillis = everyMillis;
    }

    /**
     * Parses a schedule.
     *
     * @throws IllegalArgumentException saying what is wrong, for a bad expression
     */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("cron expression is empty");
        }
        String e = expression.strip();
        if (e.startsWith("@every ")) {
            long ms = parseGoDuration(e.substring(7).strip());
            if (ms < 1) {
                throw new IllegalArgumentException("@every needs a positive duration: " + e);
            }
            return new CronSchedule(e, null, ms);
        }
        String cron = NICKNAMES.getOrDefault(e.toLowerCase(Locale.ROOT), e);
        int fields = cron.split("\\s+").length;
        if (fields != 6) {
            throw new IllegalArgumentException(
                    "cron '"
                            + e
                            + "' has "
                            + fields
                            + " fields; jobs use 6 fields with seconds first, e.g. '*/10 * * * * *'");
        }
        try {
            return new CronSchedule(e, ExecutionTime.forCron(PARSER.parse(cron)), 0);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("bad cron '" + e + "': " + ex.getMessage(), ex);
        }
    }

    public String expression() {
        return expression;
    }

    /**
     * The first time strictly after {@code afterMillis}, or -1 if the schedule never fires again.
     */
    public long next(long afterMillis) {
        if (execution == null) {
            return afterMillis + everyMillis;
        }
        ZonedDateTime after = Instant.ofEpochMilli(afterMillis).atZone(ZoneOffset.UTC);
        Optional<ZonedDateTime> next = execution.nextExecution(after);
        return next.map(t -> t.toInstant().toEpochMilli()).orElse(-1L);
    }

    /** Parses Go-style durations such as "5s", "1m30s", "250ms", "2h". */
    static long parseGoDuration(String s) {
        long total = 0;
        int i = 0;
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("bad duration '" + s + "'");
            }
            double n = Double.parseDouble(s.substring(start, i));
            int u = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(u, i);
            Duration d =
                    switch (unit) {
                        case "ms" -> Duration.ofNanos((long) (n * 1e6));
                        case "s" -> Duration.ofNanos((long) (n * 1e9));
                        case "m" -> Duration.ofNanos((long) (n * 60e9));
                        case "h" -> Duration.ofNanos((long) (n * 3600e9));
                        default ->
                                throw new IllegalArgumentException(
                                        "bad duration unit '" + unit + "' in '" + s + "'");
                    };
            total += d.toMillis();
        }
        return total;
    }
}
