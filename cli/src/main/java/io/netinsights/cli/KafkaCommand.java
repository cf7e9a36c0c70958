package io.netinsights.cli;

import io.netinsights.kafka.LocalKafka;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code kafka}: starts a local single-node KRaft broker for development and prints its address.
 */
@Command(
        name = "kafka",
        description = "Start a local Kafka broker (KRaft) with the default topics.")
final class KafkaCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--partitions",
            defaultValue = "2",
            description = "partitions per topic (default ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LocalKafka kafka = LocalKafka.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        kafka.close();
                                    } catch (Exception e) {
                                        spec.commandLine()
                                                .getErr()
                                                .println(
                                                        "netinsights: stopping Kafka: "
                                                                + e.getMessage());
                                    }
                                    stopped.countDown();
                                }));
        kafka.createTopics(partitions, "items", "pod-events", "console", "reports", "dead-letters");
        out.println(kafka.bootstrapServers());
        out.println(
                "topics: items pod-events console reports dead-letters; Ctrl-C stops the broker");
        out.flush();
        stopped.await();
        return 0;
    }
}
