package io.netinsights.cli;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a job on Kafka from the command line and prints what it commits to one of its output topics
 * until it ends: records written after the start, in commit order (once per checkpoint). Reading
 * the topic rather than collecting the stream lets the job resume from its checkpoints: a collect
 * sink's state cannot be restored into a new client. Ctrl-C or {@code kill} cancels the job, which
 * keeps its last checkpoint for the next run.
 */
final class FollowedJob {
    private FollowedJob() {}

    static <T extends SpecificRecord> void run(
            StreamExecutionEnvironment env,
            String name,
            AvroTopicReader<T> output,
            Consumer<T> sink,
            PrintWriter err)
            throws Exception {
        output.fromEnd();
        JobClient job = env.executeAsync(name);
        Thread cancelOnExit = new Thread(() -> cancel(job), "netinsights-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        Consumer<String> problem = p -> err.println("netinsights: " + p);
        // The result, not the status: an embedded cluster shuts down as soon as its job ends,
        // and asking it for the status then fails.
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        try {
            while (!result.isDone()) {
                output.poll(Duration.ofMillis(300), sink, problem);
            }
            // The last transaction is committed before the job finishes.
            Map<TopicPartition, Long> end = output.endOffsets();
            while (!output.reached(end)) {
                output.poll(Duration.ofMillis(300), sink, problem);
            }
            result.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already.
            }
        }
    }

    private static void cancel(JobClient job) {
        try {
            if (!job.getJobExecutionResult().isDone()) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.err.println("netinsights: could not cancel the job: " + e);
        }
    }
}
