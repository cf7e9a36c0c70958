package io.netinsights.js;

import io.netinsights.schemas.ConsoleLevel;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.HubAction;
import io.netinsights.schemas.SinkRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Collects what a script instance emits, for assertions. */
public final class TestingEmitter implements Emitter {
    public final List<ConsoleLine> console = new ArrayList<>();
    public final List<ConsoleLine> failures = new ArrayList<>();
    public final List<HubAction> actions = new ArrayList<>();
    public final List<SinkRequest> sinks = new ArrayList<>();

    @Override
    public void console(ConsoleLine line) {
        console.add(line);
    }

    @Override
    public void hubAction(HubAction action) {
        actions.add(action);
    }

    @Override
    public void sinkRequest(SinkRequest request) {
        sinks.add(request);
    }

    @Override
    public void failure(ConsoleLine line) {
        failures.add(line);
        console.add(line);
    }

    /** Texts of console.log lines. */
    public List<String> logs() {
        return console.stream()
                .filter(l -> l.getLevel() == ConsoleLevel.LOG)
                .map(ConsoleLine::getText)
                .collect(Collectors.toList());
    }
}
