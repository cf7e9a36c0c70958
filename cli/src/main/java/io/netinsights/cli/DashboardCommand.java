package io.netinsights.cli;

import io.netinsights.dashboard.DashboardServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code dashboard --pcap FILE [--port N] [--kafka BOOTSTRAP]}: serves the web dashboard (ask the
 * assistant, run the script embedded on the capture, live console over SSE, a chart) until the
 * process is stopped; with {@code --kafka} the page also shows the console and reports topics.
 */
@Command(
        name = "dashboard",
        description = "Serve the web dashboard: ask, run on a capture, live console and chart.")
final class DashboardCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--pcap",
            required = true,
            paramLabel = "FILE",
            description = "the capture that \"run on sample traffic\" replays")
    Path pcap;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8080",
            description = "port on 127.0.0.1 (0 picks a free one; default ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description = "also stream the console and reports topics of this Kafka (host:port)")
    String kafka;

    @Option(
            names = "--console-topic",
            paramLabel = "TOPIC",
            defaultValue = "console",
            description = "console topic in Kafka mode (default ${DEFAULT-VALUE})")
    String consoleTopic;

    @Option(
            names = "--reports-topic",
            paramLabel = "TOPIC",
            defaultValue = "reports",
            description = "reports topic in Kafka mode (default ${DEFAULT-VALUE})")
    String reportsTopic;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--port must be between 0 and 65535");
        }
        Inputs.checkReadable(pcap, true);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        try (DashboardServer server = DashboardServer.start(pcap, port)) {
            if (kafka != null) {
                server.tailKafka(kafka, java.util.List.of(consoleTopic, reportsTopic));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "dashboard-stop"));
            out.println("dashboard on " + server.url() + " (capture " + pcap + "); Ctrl-C stops");
            out.flush();
            stopped.await();
        }
        return 0;
    }
}
