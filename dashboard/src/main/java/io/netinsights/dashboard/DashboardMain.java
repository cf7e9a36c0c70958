package io.netinsights.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code dashboard --pcap FILE [--port N] [--kafka BOOTSTRAP]} without the CLI: serves the
 * dashboard until the process is stopped.
 */
public final class DashboardMain {
    private DashboardMain() {}

    public static void main(String[] args) throws Exception {
        Path pcap = null;
        int port = 8080;
        String kafka = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pcap" -> pcap = Path.of(value(args, ++i, "--pcap"));
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--kafka" -> kafka = value(args, ++i, "--kafka");
                default -> usage("unknown argument: " + args[i]);
            }
        }
        if (pcap == null) {
            usage("--pcap FILE is required");
        }
        if (!Files.isRegularFile(pcap)) {
            usage("input not found: " + pcap);
        }
        DashboardServer server = DashboardServer.start(pcap, port);
        if (kafka != null) {
            server.tailKafka(kafka, java.util.List.of("console", "reports"));
        }
        System.out.println("dashboard on " + server.url() + " (capture " + pcap + ")");
        Thread.currentThread().join();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String why) {
        System.err.println("dashboard: " + why);
        System.err.println("usage: dashboard --pcap FILE [--port N] [--kafka BOOTSTRAP]");
        System.exit(2);
    }
}
