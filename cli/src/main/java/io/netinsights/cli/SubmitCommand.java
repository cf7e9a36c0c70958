package io.netinsights.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code submit SCRIPT.js --target local|URL|k8s}: runs a script as a Flink job on Kafka input,
 * embedded ({@code local}, the same as {@code run --kafka}), on a session cluster through the Flink
 * REST API, or on Kubernetes as a {@code FlinkSessionJob}.
 */
@Command(
        name = "submit",
        description = "Submit a script as a Flink job: local, a Flink cluster or k8s.")
final class SubmitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT.js")
    Path script;

    @Mixin DeployTargetOptions target = new DeployTargetOptions();

    @Option(
            names = "--name",
            paramLabel = "N",
            description = "job name (default: from the file name)")
    String name;

    @Option(names = "--env", paramLabel = "K=V", description = "script environment (repeatable)")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            defaultValue = "netinsights-kafka-bootstrap.kafka.svc:9092",
            description = "Kafka bootstrap servers as the job sees them (default ${DEFAULT-VALUE})")
    String kafka;

    @Option(
            names = "--from",
            defaultValue = "latest",
            paramLabel = "earliest|latest",
            description =
                    "where the job's new consumer group starts in the items topic; a job resumed"
                            + " from a savepoint goes on from its offsets (default"
                            + " ${DEFAULT-VALUE})")
    String from;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "job parallelism (default ${DEFAULT-VALUE})")
    int parallelism;

    @Option(
            names = "--jar",
            paramLabel = "FILE",
            description =
                    "job jar to upload (URL targets; default"
                            + " flink-jobs/target/flink-jobs-*-job.jar)")
    Path jar;

    @Option(
            names = "--jar-uri",
            defaultValue = "s3://netinsights-flink/jars/flink-jobs-0.1.0-SNAPSHOT.jar",
            description = "job jar as the operator fetches it (k8s; default ${DEFAULT-VALUE})")
    String jarUri;

    @Option(names = "--from-savepoint", paramLabel = "PATH", description = "resume (URL targets)")
    String fromSavepoint;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        target.checkKnown();
        PrintWriter out = spec.commandLine().getOut();
        if (target.isLocal()) {
            return runLocally();
        }
        if (!Files.isRegularFile(script)) {
            throw new Errors.UserError("no such script: " + script);
        }
        if (!from.equals("earliest") && !from.equals("latest")) {
            throw new Errors.UserError("--from must be earliest or latest, not " + from);
        }
        String fileName = script.getFileName().toString();
        DeployJobSpec job =
                new DeployJobSpec(
                        name != null ? name : DeployJobSpec.nameFromFile(fileName),
                        fileName,
                        Files.readString(script),
                        env,
                        kafka,
                        from.equals("earliest"));
        if (target.isKubernetes()) {
            KubernetesClient client = target.kubernetes();
            try {
                GenericKubernetesResource r = target.jobs(client, jarUri).submit(job, parallelism);
                out.printf(
                        "submitted %s: FlinkSessionJob %s/%s on %s%n",
                        job.name(), target.namespace, r.getMetadata().getName(), target.session);
            } finally {
                target.release(client);
            }
            return 0;
        }
        Path jarFile = jar != null ? jar : defaultJar();
        DeployFlinkRestClient rest = target.rest();
        String jarId = rest.uploadJar(jarFile);
        String jobId = rest.run(jarId, job, parallelism, fromSavepoint);
        out.printf("submitted %s: job %s on %s%n", job.name(), jobId, target.target);
        return 0;
    }

    /** {@code local} is the embedded MiniCluster of {@code run --kafka}. */
    private int runLocally() {
        List<String> args =
                new ArrayList<>(
                        List.of("run", script.toString(), "--kafka", kafka, "--from", from));
        env.forEach((k, v) -> args.addAll(List.of("--env", k + "=" + v)));
        args.addAll(List.of("--parallelism", Integer.toString(parallelism)));
        return Main.execute(
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                args.toArray(String[]::new));
    }

    private static Path defaultJar() throws java.io.IOException {
        Path dir = Path.of("flink-jobs", "target");
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                var found =
                        files.filter(
                                        p ->
                                                p.getFileName()
                                                        .toString()
                                                        .matches("flink-jobs-.*-job\\.jar"))
                                .findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new Errors.UserError(
                "no flink-jobs-*-job.jar in flink-jobs/target: build it with"
                        + " mvn -pl flink-jobs -am package, or pass --jar");
    }
}
