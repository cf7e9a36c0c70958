package io.netinsights.cli;

import io.netinsights.jobs.reports.Report;
import io.netinsights.jobs.reports.ReportJob;
import io.netinsights.jobs.reports.ReportOptions;
import io.netinsights.jobs.reports.ReportRecords;
import io.netinsights.jobs.sources.ItemFileSource;
import io.netinsights.jobs.sources.ItemReaderFactory;
import io.netinsights.jobs.sources.JsonLinesItemReader;
import io.netinsights.policy.PodInventory;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code report NAME (--pcap FILE | --items FILE.jsonl | --kafka BOOTSTRAP) [--pods PODS.yaml]
 * [--policies POLICIES.yaml] [--window 1m] ...}: runs built-in reports on an embedded Flink
 * MiniCluster in event time and prints their records, one readable line each: in window order for a
 * file, as they are committed for Kafka (where they also go to the records topic).
 */
@Command(
        name = "report",
        sortOptions = false,
        description =
                "Run built-in reports (latency anomalies, idle pods, top talkers, error"
                        + " spikes, policy impact) on a capture, an items file or Kafka.")
final class ReportCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "NAME",
            description =
                    "latency-anomalies, idle-pods, top-talkers, error-spikes, policy-impact"
                            + " (or latency, idle, top, error, policy), comma-separated, or all")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TrafficInput input;

    @Option(
            names = "--pods",
            paramLabel = "PODS.yaml",
            description = "pods (and namespaces) as kubectl get -A -o yaml prints them")
    Path pods;

    @Option(
            names = "--policies",
            paramLabel = "POLICIES.yaml",
            description = "candidate NetworkPolicies (needed by policy-impact)")
    Path policies;

    @Option(
            names = "--window",
            paramLabel = "DURATION",
            defaultValue = "1m",
            description = "window size: 500ms, 30s, 1m, 1h, 1d (default ${DEFAULT-VALUE})")
    String window;

    @picocli.CommandLine.Mixin ReportThresholdOptions thresholds = new ReportThresholdOptions();

    @picocli.CommandLine.Mixin ReportKafkaOptions kafkaOptions = new ReportKafkaOptions();

    @Option(
            names = "--node",
            paramLabel = "NAME",
            defaultValue = "node-1",
            description = "node name of items read from a capture (default ${DEFAULT-VALUE})")
    String node;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "1",
            description = "parallelism of the keyed report stages (default ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (parallelism < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--parallelism must be at least 1");
        }
        ReportOptions options = options();
        if (input.kafka != null) {
            kafkaOptions.run(
                    options,
                    input.kafka,
                    parallelism,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            return 0;
        }
        Path file = input.pcap != null ? input.pcap : input.items;
        Inputs.checkReadable(file, input.pcap != null);
        ItemReaderFactory factory =
                input.pcap != null ? Inputs.pcapFactory(node) : JsonLinesItemReader.factory();
        List<ReportRecord> records = run(options, file, factory);
        print(records, spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }

    ReportOptions options() {
        Set<Report> reports;
        try {
            reports = Report.parse(name, pods != null, policies != null);
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError(e.getMessage());
        }
        if (reports.contains(Report.IDLE_PODS) && pods == null && input.kafka == null) {
            throw new Errors.UserError(
                    "the idle-pods report needs the pods that exist (--pods FILE)");
        }
        try {
            return thresholds
                    .apply(ReportOptions.builder(reports))
                    .window(duration("--window", window))
                    .inventory(pods == null ? PodInventory.empty() : inventory(pods))
                    .policiesYaml(policies == null ? "" : read(policies))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError(e.getMessage());
        }
    }

    private List<ReportRecord> run(ReportOptions options, Path file, ItemReaderFactory factory)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        DataStream<ApiItem> items =
                env.fromSource(
                                new ItemFileSource(
                                        List.of(file.toAbsolutePath().toString()), factory),
                                ReportJob.watermarks(options),
                                "items")
                        .uid("item-source")
                        .setParallelism(1);
        ReportJob.Outputs outputs = ReportJob.build(items, options);
        long size = options.windowMillis();
        DataStream<ReportRecord> all =
                outputs.reports()
                        .union(
                                outputs.lateItems()
                                        .map(i -> ReportRecords.lateItem(i, size))
                                        .returns(new AvroTypeInfo<>(ReportRecord.class))
                                        .uid("report-late-records")
                                        .name("report-late-records"));
        List<ReportRecord> out = new ArrayList<>();
        try (CloseableIterator<ReportRecord> it = all.executeAndCollect("netinsights report")) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    /** Records in window order on stdout; late items as one notice on stderr. */
    static void print(List<ReportRecord> records, PrintWriter out, PrintWriter err) {
        List<ReportRecord> sorted = new ArrayList<>(records);
        sorted.sort(ReportRecords.ORDER);
        int late = 0;
        for (ReportRecord r : sorted) {
            if (r.getReport().equals(ReportRecords.LATE_ITEMS)) {
                late++;
            } else {
                out.println(ReportRecords.format(r));
            }
        }
        if (sorted.size() == late) {
            out.println("(no report records: nothing crossed a threshold)");
        }
        if (late > 0) {
            err.println(
                    "! "
                            + late
                            + " items came after their window was reported and are in"
                            + " no report; raise --out-of-orderness");
        }
        out.flush();
        err.flush();
    }

    /** {@code 500ms}, {@code 30s}, {@code 1m}, {@code 2h}, {@code 1d}. */
    static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new Errors.UserError(
                    option + " must be a number and a unit (ms, s, m, h, d), not " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static PodInventory inventory(Path file) {
        Inputs.checkReadable(file, false);
        try {
            return PodInventory.fromFile(file);
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError(e.getMessage());
        }
    }

    private static String read(Path file) {
        Inputs.checkReadable(file, false);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Errors.UserError("cannot read " + file + ": " + e.getMessage());
        }
    }
}
