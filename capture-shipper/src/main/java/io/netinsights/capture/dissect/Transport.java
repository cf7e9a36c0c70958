package io.netinsights.capture.dissect;

/** The layer-4 transport of a flow, with the name items carry in {@code protocol.layer4}. */
public enum Transport {
    TCP("tcp"),
    UDP("udp");

    private final String layer4;

    Transport(String layer4) {
        this.layer4 = layer4;
    }

    public String layer4() {
        return layer4;
    }
}
