package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The router's graph: one sink per kind, each with a stable kebab-case uid and name. */
class SinkRouterTest {

    @Test
    void everyKindHasItsOwnSinkWithAStableUid() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        List<SinkRequest> one = List.of(SinkTestSupport.webhook("w", "http://127.0.0.1:1/"));
        Map<SinkKind, DataStreamSink<SinkRequest>> sinks =
                SinkRouter.attach(SinkTestSupport.source(env, one), SinkOptions.defaults());

        assertThat(sinks).containsOnlyKeys(SinkKind.values());
        List<String> uids = new ArrayList<>();
        for (Transformation<?> t : env.getTransformations()) {
            uids.add(t.getUid());
            t.getTransitivePredecessors().forEach(p -> uids.add(p.getUid()));
        }
        assertThat(uids)
                .contains(
                        "sink-router",
                        "sink-webhook",
                        "sink-slack",
                        "sink-elastic",
                        "sink-influxdb",
                        "sink-prometheus",
                        "sink-kinesis",
                        "sink-s3");
        assertThat(sinks.get(SinkKind.S3).getTransformation().getName()).isEqualTo("sink-s3");
        assertThat(SinkRouter.sinkFor(SinkKind.KINESIS, SinkOptions.defaults()))
                .isInstanceOf(KinesisDeliverySink.class);
        assertThat(SinkRouter.sinkFor(SinkKind.SLACK, SinkOptions.defaults()))
                .isInstanceOf(HttpDeliverySink.class);
    }
}
