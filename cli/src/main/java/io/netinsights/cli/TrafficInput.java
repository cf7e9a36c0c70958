package io.netinsights.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where {@code run} and {@code report} read items from: exactly one of a capture, an items file or
 * a Kafka cluster (an exclusive, required argument group).
 */
final class TrafficInput {
    @Option(names = "--pcap", paramLabel = "FILE", description = "a pcap or pcapng capture")
    Path pcap;

    @Option(names = "--items", paramLabel = "FILE", description = "items as JSON lines")
    Path items;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description = "read Avro items from Kafka (host:port); results go to Kafka topics")
    String kafka;
}
