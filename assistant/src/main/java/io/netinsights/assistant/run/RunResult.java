package io.netinsights.assistant.run;

import io.netinsights.schemas.ConsoleLevel;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.SinkRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a dry run produced: console lines of every instance in event-time order, the runtime's
 * failure reports, the sink requests, and whether the run finished inside its wall-clock budget.
 *
 * @param console every console line (logs, errors, runtime reports), in the order emitted
 * @param failures the runtime's reports of hooks or jobs that threw or ran over their budget
 * @param sinkRequests what {@code vendor.*} and {@code prometheus.*} calls asked to deliver
 * @param loadError why the script did not start (syntax error, throwing top level), else null
 * @param timedOut whether the wall-clock budget ran out before the end of input
 * @param itemsProcessed how many items reached a worker
 * @param hubActions how many {@code hub.action} calls reached the hub
 * @param wallMillis how long the run took
 */
public record RunResult(
        List<ConsoleLine> console,
        List<ConsoleLine> failures,
        List<SinkRequest> sinkRequests,
        String loadError,
        boolean timedOut,
        int itemsProcessed,
        int hubActions,
        long wallMillis) {

    public RunResult {
        console = List.copyOf(console);
        failures = List.copyOf(failures);
        sinkRequests = List.copyOf(sinkRequests);
    }

    /** Whether the script started, never failed and finished in time. */
    public boolean ok() {
        return loadError == null && failures.isEmpty() && !timedOut;
    }

    /** Console lines as the CLI prints them: {@code [instance] text}, logs only. */
    public List<String> logLines() {
        return console.stream()
                .filter(l -> l.getLevel() == ConsoleLevel.LOG)
                .map(l -> "[" + l.getInstance() + "] " + l.getText())
                .collect(Collectors.toList());
    }

    /**
     * The script's last report: the log lines emitted at the latest event time at which anything
     * was logged (a job prints its whole report at one instant).
     */
    public List<String> finalReport() {
        long last = Long.MIN_VALUE;
        for (ConsoleLine l : console) {
            if (l.getLevel() == ConsoleLevel.LOG) {
                last = Math.max(last, l.getTimestamp());
            }
        }
        List<String> out = new ArrayList<>();
        for (ConsoleLine l : console) {
            if (l.getLevel() == ConsoleLevel.LOG && l.getTimestamp() == last) {
                out.add(l.getText());
            }
        }
        return out;
    }

    /** The payload of a sink request as UTF-8 text. */
    public static String payloadText(SinkRequest r) {
        return StandardCharsets.UTF_8.decode(r.getPayload().duplicate()).toString();
    }

    /** A short description of what went wrong, for repair prompts and answers; "" when ok. */
    public String problems() {
        List<String> out = new ArrayList<>();
        if (loadError != null) {
            out.add("the script failed to start: " + loadError);
        }
        failures.stream().limit(5).forEach(f -> out.add(f.getText()));
        if (failures.size() > 5) {
            out.add("... and " + (failures.size() - 5) + " more failure(s)");
        }
        if (timedOut) {
            out.add("the dry run did not finish within its time budget (" + wallMillis + " ms)");
        }
        return String.join("\n", out);
    }
}
