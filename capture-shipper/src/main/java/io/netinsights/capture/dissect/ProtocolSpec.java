package io.netinsights.capture.dissect;

import io.netinsights.schemas.Protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code protocol} object of an item, as Kubeshark names it ({@code name}, {@code version},
 * {@code abbr}, {@code longName}, {@code macro}, {@code layer4}, {@code ports}). Immutable and
 * shared; {@link #toAvro()} makes a fresh Avro record per item because Avro records are mutable.
 */
public final class ProtocolSpec {

    private final String name;
    private final String version;
    private final String abbr;
    private final String longName;
    private final String macro;
    private final String layer4;
    private final List<String> ports;

    public ProtocolSpec(
            String name,
            String version,
            String abbr,
            String longName,
            String macro,
            String layer4,
            List<String> ports) {
        this.name = name;
        this.version = version;
        this.abbr = abbr;
        this.longName = longName;
        this.macro = macro;
        this.layer4 = layer4;
        this.ports = List.copyOf(ports);
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String abbr() {
        return abbr;
    }

    public String layer4() {
        return layer4;
    }

    public Protocol toAvro() {
        return new Protocol(name, version, abbr, longName, macro, layer4, new ArrayList<>(ports));
    }

    @Override
    public String toString() {
        return longName;
    }
}
