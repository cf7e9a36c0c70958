package io.netinsights.jobs;

import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.js.ScriptSource;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ConsoleLevel;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.testing.TestItems;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static io.netinsights.schemas.testing.TestItems.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The top-DNS example on a MiniCluster at parallelism 2, checked against counts made here. */
class TopDnsExampleITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void hubPrintsTheClusterWideTopFive() throws Exception {
        Random random = new Random(42);
        List<ApiItem> items = new ArrayList<>();
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            String node = "node-" + (i % 4);
            // Skewed so that the top 5 is well defined: client-k has weight ~ 1/(k+1).
            int k = (int) Math.floor(Math.pow(random.nextDouble(), 3) * 40);
            String client = "client-" + k;
            long ts = T0 + i * 12L;
            items.add(TestItems.dns("i" + i, node, client, ts));
            expected.merge(client, 1, Integer::sum);
        }
        List<String> want =
                expected.entrySet().stream()
                        .sorted(
                                Comparator.<Map.Entry<String, Integer>>comparingInt(
                                                e -> -e.getValue())
                                        .thenComparing(Map.Entry::getKey))
                        .limit(5)
                        .map(e -> e.getKey() + ": " + e.getValue() + " queries")
                        .collect(Collectors.toList());

        List<ConsoleLine> lines = run(items);
        assertThat(lines).allMatch(l -> l.getInstance().equals("hub"));
        assertThat(lines).noneMatch(l -> l.getLevel() != ConsoleLevel.LOG);
        List<String> texts = lines.stream().map(ConsoleLine::getText).collect(Collectors.toList());
        int last = texts.lastIndexOf("Top 5 DNS consumers (cluster-wide):");
        assertThat(last).isGreaterThanOrEqualTo(0);
        List<String> got =
                texts.subList(last + 1, texts.size()).stream()
                        .map(s -> s.replaceFirst("^\\d+\\. ", ""))
                        .collect(Collectors.toList());
        assertThat(got).isEqualTo(want);
    }

    private static List<ConsoleLine> run(List<ApiItem> items) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        ScriptJobOptions options =
                ScriptJobOptions.builder(
                                ScriptSource.read(Path.of("../examples/top-dns-consumers.js")))
                        .build();
        DataStream<ApiItem> source =
                env.fromData(items, new AvroTypeInfo<>(ApiItem.class))
                        .assignTimestampsAndWatermarks(ScriptJob.watermarks(options));
        List<ConsoleLine> out = new ArrayList<>();
        try (CloseableIterator<ConsoleLine> it =
                ScriptJob.build(source, options).console().executeAndCollect("top-dns")) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
