package io.netinsights.cli.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Flink standalone session cluster for tests: a JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and a TaskManager ({@code TaskManagerRunner}) as two child
 * JVMs on 127.0.0.1 with free ports, started from the Flink Maven artifacts on this JVM's class
 * path, the way a Flink distribution's {@code bin/} scripts start them from {@code lib/}.
 *
 * <p>The cluster class path is {@link ClusterClasspath}: Flink, its web frontend (jar upload needs
 * it), logging and GraalJS, which the cluster loads parent-first as flink-deploy's session does;
 * the job's own code and connectors come only from the uploaded job jar. Logs go to {@code
 * jobmanager.log} and {@code taskmanager.log} in the cluster directory; {@link #logTails} is for
 * failure messages.
 */
public final class LocalFlinkCluster implements AutoCloseable {
    private static final String JOB_MANAGER =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();
    private final Thread shutdownHook;

    private LocalFlinkCluster(Path dir, int restPort) {
        this.dir = dir;
        this.restPort = restPort;
        // A test JVM that exits without close() (a timeout, Ctrl-C) must not leave a cluster.
        this.shutdownHook = new Thread(this::destroyAll, "local-flink-cluster-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Writes the configuration into {@code dir}, starts both processes and returns when the REST
     * API reports one registered TaskManager; on failure, stops what it started and throws with the
     * log tails. A port taken by another process between choosing and binding it (other builds
     * share the machine) gets a second and third try with new ports.
     */
    public static LocalFlinkCluster start(Path dir, Duration timeout) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(dir, timeout);
            } catch (AssertionError e) {
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("BindException")) {
                    throw e;
                }
            }
        }
    }

    private static LocalFlinkCluster startOnce(Path dir, Duration timeout) throws Exception {
        deleteRecursively(dir); // logs and savepoints of an earlier run would mislead
        Files.createDirectories(dir);
        int restPort = freePort();
        LocalFlinkCluster cluster = new LocalFlinkCluster(dir.toAbsolutePath(), restPort);
        try {
            Path conf = ClusterConfig.write(cluster.dir, restPort, freePort());
            Path argFile = ClusterClasspath.writeArgFile(cluster.dir.resolve("classpath.args"));
            cluster.launch("jobmanager", JOB_MANAGER, conf, argFile, ClusterConfig.JM_JVM);
            cluster.launch("taskmanager", TASK_MANAGER, conf, argFile, ClusterConfig.TM_JVM);
            cluster.awaitTaskManager(timeout);
            return cluster;
        } catch (Exception | Error e) {
            AssertionError failed =
                    new AssertionError(
                            "Flink session cluster in "
                                    + cluster.dir
                                    + " did not start: "
                                    + e.getMessage()
                                    + "\n"
                                    + cluster.logTails(60),
                            e);
            try {
                cluster.close();
            } catch (Exception closing) {
                failed.addSuppressed(closing);
            }
            throw failed;
        }
    }

    /** {@code http://127.0.0.1:PORT}: what {@code --target} takes. */
    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** GET on the REST API, as JSON; for checks the CLI does not print. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> resp =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(restUrl() + path))
                                        .timeout(Duration.ofSeconds(10))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IOException(
                    "GET " + path + " returned " + resp.statusCode() + ": " + resp.body());
        }
        return JSON.readTree(resp.body());
    }

    /**
     * Every job with its state and, per operator chain, the records it read and wrote: where a
     * pipeline that prints nothing stops.
     */
    public String describeJobs() {
        StringBuilder b = new StringBuilder("---- jobs\n");
        try {
            for (JsonNode job : get("/jobs/overview").path("jobs")) {
                JsonNode detail = get("/jobs/" + job.path("jid").asText());
                b.append(job.path("name").asText())
                        .append(' ')
                        .append(job.path("jid").asText())
                        .append(' ')
                        .append(job.path("state").asText())
                        .append('\n');
                for (JsonNode v : detail.path("vertices")) {
                    JsonNode m = v.path("metrics");
                    b.append("  ")
                            .append(v.path("name").asText())
                            .append(": ")
                            .append(v.path("status").asText())
                            .append(" read=")
                            .append(m.path("read-records").asLong())
                            .append(" written=")
                            .append(m.path("write-records").asLong())
                            .append('\n');
                }
            }
        } catch (IOException e) {
            b.append("(REST API unavailable: ").append(e).append(")\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            b.append("(interrupted)\n");
        }
        return b.toString();
    }

    /** The last {@code lines} lines of each process's log and stdout, for failure messages. */
    public String logTails(int lines) {
        StringBuilder b = new StringBuilder();
        for (String name :
                List.of("jobmanager.log", "jobmanager.out", "taskmanager.log", "taskmanager.out")) {
            Path f = dir.resolve("log").resolve(name);
            b.append("---- ").append(f).append(" (last ").append(lines).append(" lines)\n");
            try {
                List<String> all = Files.readAllLines(f, StandardCharsets.UTF_8);
                all.subList(Math.max(0, all.size() - lines), all.size())
                        .forEach(l -> b.append(l).append('\n'));
            } catch (IOException e) {
                b.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return b.toString();
    }

    private void launch(String name, String mainClass, Path conf, Path argFile, List<String> jvm)
            throws IOException {
        Path logs = Files.createDirectories(dir.resolve("log"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(ClusterConfig.commonJvmOptions(dir, logs.resolve(name + ".log")));
        cmd.add("@" + argFile);
        cmd.addAll(List.of(mainClass, "--configDir", conf.toString()));
        File out = logs.resolve(name + ".out").toFile();
        processes.add(
                new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out)
                        .start());
    }

    private void awaitTaskManager(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(
                            p.info().command().orElse("process") + " exited with " + p.exitValue());
                }
            }
            try {
                JsonNode overview = get("/overview");
                if (overview.path("taskmanagers").asInt() >= 1
                        && overview.path("slots-available").asInt() >= 1) {
                    return;
                }
                last = overview.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(
                "no TaskManager registered within " + timeout + " (last /overview: " + last + ")");
    }

    @Override
    public void close() throws Exception {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting: the hook runs (or ran) destroyAll anyway.
        }
    }

    /** TaskManager first so that it does not log reconnect attempts to a gone JobManager. */
    private void destroyAll() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
