package io.netinsights.jobs.sinks;

import io.netinsights.schemas.ConsoleLevel;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.common.functions.MapFunction;

import java.util.Locale;

/**
 * In an embedded run (CLI, dashboard), sink requests are shown instead of delivered: one notice
 * line per request with its kind, target and size.
 */
public final class SinkNotice implements MapFunction<SinkRequest, ConsoleLine> {
    private static final long serialVersionUID = 1L;

    @Override
    public ConsoleLine map(SinkRequest r) {
        String key = r.getKey() == null ? "" : " " + r.getKey();
        String text =
                r.getKind().name().toLowerCase(Locale.ROOT)
                        + " request to "
                        + r.getTarget()
                        + key
                        + " ("
                        + r.getPayload().remaining()
                        + " bytes; not delivered in an embedded run)";
        return new ConsoleLine(
                r.getScript(),
                r.getInstance(),
                ConsoleLevel.SYSTEM,
                text,
                r.getTimestamp(),
                null,
                null);
    }
}
