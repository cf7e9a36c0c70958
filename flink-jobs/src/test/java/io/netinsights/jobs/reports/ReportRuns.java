package io.netinsights.jobs.reports;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import java.util.ArrayList;
import java.util.List;

/** Runs the report job on a MiniCluster at parallelism 2 and collects its records in order. */
final class ReportRuns {
    private ReportRuns() {}

    /** 1 TaskManager with 2 slots, as the house style asks of MiniCluster tests. */
    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    /** The records, sorted by window, report, kind, rank and key (the job's order varies). */
    static List<ReportRecord> run(List<ApiItem> items, ReportOptions options) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        DataStream<ApiItem> source =
                env.fromData(items, new AvroTypeInfo<>(ApiItem.class))
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(ReportJob.watermarks(options))
                        .setParallelism(1);
        List<ReportRecord> out = new ArrayList<>();
        try (CloseableIterator<ReportRecord> it =
                ReportJob.build(source, options).reports().executeAndCollect("reports-test")) {
            it.forEachRemaining(out::add);
        }
        out.sort(ReportRecords.ORDER);
        return out;
    }
}
