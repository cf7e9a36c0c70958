package io.netinsights.dashboard;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.PcapItemReader;
import io.netinsights.jobs.ScriptJob;
import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.jobs.sinks.SinkNotice;
import io.netinsights.jobs.sources.ItemFileSource;
import io.netinsights.jobs.sources.ItemReaderFactory;
import io.netinsights.js.ScriptConfig;
import io.netinsights.js.ScriptSource;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ConsoleLine;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a script on an embedded Flink MiniCluster over a capture file, the same job graph as {@code
 * netinsights run --pcap}, and hands every console line to a consumer as it arrives. Sink requests
 * are shown as notices, not delivered.
 */
public final class EmbeddedRunner {
    private final Path capture;
    private final String node;
    private final int parallelism;

    public EmbeddedRunner(Path capture, String node, int parallelism) {
        this.capture = Objects.requireNonNull(capture, "capture").toAbsolutePath();
        this.node = Objects.requireNonNull(node, "node");
        this.parallelism = parallelism;
    }

    public Path capture() {
        return capture;
    }

    /** Runs the script to the end of the capture; blocks. */
    public void run(String fileName, String code, Consumer<ConsoleLine> lines) throws Exception {
        ScriptSource source = new ScriptSource(fileName, code);
        ScriptJobOptions options =
                ScriptJobOptions.builder(source)
                        .scriptConfig(ScriptConfig.builder().build())
                        .timeMode(ScriptJobOptions.TimeMode.EVENT)
                        .build();
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        DataStream<ApiItem> items =
                env.fromSource(
                                new ItemFileSource(List.of(capture.toString()), pcapFactory(node)),
                                ScriptJob.watermarks(options),
                                "items")
                        .uid("item-source")
                        .setParallelism(1);
        ScriptJob.Outputs outputs = ScriptJob.build(items, options);
        DataStream<ConsoleLine> all =
                outputs.console().union(outputs.sinkRequests().map(new SinkNotice()));
        try (CloseableIterator<ConsoleLine> it =
                all.executeAndCollect("netinsights dashboard " + source.title())) {
            while (it.hasNext()) {
                lines.accept(it.next());
            }
        }
    }

    /** Items of a capture file, with the given node name (as the CLI's {@code Inputs}). */
    static ItemReaderFactory pcapFactory(String node) {
        // The reader closes its file itself once it has read the last packet.
        return path ->
                PcapItemReader.open(Path.of(path), CaptureOptions.builder().nodeName(node).build());
    }
}
