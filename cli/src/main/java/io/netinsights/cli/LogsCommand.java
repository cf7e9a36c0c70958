package io.netinsights.cli;

import io.netinsights.schemas.ConsoleLine;

import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code logs NAME --kafka BOOTSTRAP}: prints a script job's console lines from the console topic
 * (Avro {@code ConsoleLine}, written by the job's console sink) as {@code [instance] text}, and
 * follows new ones until interrupted unless {@code --no-follow}.
 */
@Command(name = "logs", description = "Print (and follow) a script job's console lines from Kafka.")
final class LogsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "job name or script file name")
    String name;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default ${DEFAULT-VALUE})")
    String kafka;

    @Option(
            names = "--console-topic",
            paramLabel = "TOPIC",
            defaultValue = "console",
            description = "console topic (default ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--no-follow", description = "stop at the end of the topic")
    boolean noFollow;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (AvroTopicReader<ConsoleLine> console =
                new AvroTopicReader<>(kafka, topic, ConsoleLine.class).fromBeginning()) {
            Map<TopicPartition, Long> end = console.endOffsets();
            while (!(noFollow && console.reached(end))) {
                console.poll(
                        Duration.ofMillis(500),
                        line -> {
                            if (matches(line, name)) {
                                out.println(format(line));
                            }
                        },
                        problem -> err.println("netinsights: " + problem));
                out.flush();
            }
            return 0;
        }
    }

    /** A line belongs to job NAME when its script is NAME, NAME.js or a file NAME derives from. */
    static boolean matches(ConsoleLine line, String name) {
        String script = line.getScript().toString();
        return script.equals(name)
                || script.equals(name + ".js")
                || DeployJobSpec.nameFromFile(script).equals(name);
    }

    static String format(ConsoleLine line) {
        return "[" + line.getInstance() + "] " + line.getText();
    }
}
