package io.netinsights.cli.testutils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code config.yaml} and JVM options of {@link LocalFlinkCluster}: loopback addresses, small
 * memory, file checkpoints and savepoints, GraalJS parent-first (as flink-deploy/flink-session.yaml
 * sets it), and what a distribution's {@code bin/} scripts would otherwise compute.
 */
final class ClusterConfig {
    /** JobManager: heap for the REST upload and the job's main(); metaspace for GraalJS. */
    static final List<String> JM_JVM =
            List.of(
                    "-Xms384m",
                    "-Xmx384m",
                    "-XX:MaxMetaspaceSize=256m",
                    "-XX:MaxDirectMemorySize=128m");

    /**
     * TaskManager: heap = framework + task heap, direct = framework off-heap + network, as {@code
     * taskmanager.sh} derives them from the sizes in {@link #write}.
     */
    static final List<String> TM_JVM =
            List.of(
                    "-Xms512m",
                    "-Xmx512m",
                    "-XX:MaxMetaspaceSize=256m",
                    "-XX:MaxDirectMemorySize=192m");

    /** Flink's default {@code env.java.opts.all} for JDK 17 (from the distribution's config). */
    private static final List<String> JDK_OPENS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private ClusterConfig() {}

    /** Writes {@code dir/conf/config.yaml} and {@code log4j2.properties}; returns {@code conf}. */
    static Path write(Path dir, int restPort, int rpcPort) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String yaml =
                String.join(
                        "\n",
                        "jobmanager.rpc.address: 127.0.0.1",
                        "jobmanager.rpc.port: " + rpcPort,
                        "jobmanager.bind-host: 127.0.0.1",
                        "rest.address: 127.0.0.1",
                        "rest.bind-address: 127.0.0.1",
                        "rest.port: " + restPort,
                        "taskmanager.host: 127.0.0.1",
                        "taskmanager.bind-host: 127.0.0.1",
                        "taskmanager.numberOfTaskSlots: 2",
                        "parallelism.default: 2",
                        "jobmanager.memory.process.size: 900m",
                        // TaskManagerRunner needs every size set (taskmanager.sh would pass them).
                        "taskmanager.cpu.cores: 2",
                        "taskmanager.memory.framework.heap.size: 128m",
                        "taskmanager.memory.task.heap.size: 384m",
                        "taskmanager.memory.framework.off-heap.size: 128m",
                        "taskmanager.memory.task.off-heap.size: 0m",
                        "taskmanager.memory.managed.size: 64m",
                        "taskmanager.memory.network.min: 64m",
                        "taskmanager.memory.network.max: 64m",
                        "taskmanager.memory.jvm-metaspace.size: 256m",
                        "taskmanager.memory.jvm-overhead.min: 192m",
                        "taskmanager.memory.jvm-overhead.max: 192m",
                        "state.backend.type: hashmap",
                        "execution.checkpointing.dir: " + dir.resolve("checkpoints").toUri(),
                        "execution.checkpointing.savepoint-dir: "
                                + dir.resolve("savepoints").toUri(),
                        // Console lines are committed on checkpoints: keep `logs` quick.
                        "execution.checkpointing.interval: 2s",
                        "restart-strategy.type: fixed-delay",
                        "restart-strategy.fixed-delay.attempts: 2",
                        "restart-strategy.fixed-delay.delay: 1s",
                        // GraalJS once, from the cluster class path (stack.md section 2).
                        "classloader.parent-first-patterns.additional:"
                                + " org.graalvm.;com.oracle.truffle.",
                        "io.tmp.dirs: " + tmp,
                        "web.tmpdir: " + tmp,
                        "blob.storage.directory: " + tmp,
                        "");
        Files.writeString(conf.resolve("config.yaml"), yaml);
        Files.writeString(
                conf.resolve("log4j2.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.type = File",
                        "appender.file.name = file",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                        "logger.kafka.name = org.apache.kafka",
                        "logger.kafka.level = WARN",
                        // Where each source partition starts (committed, reset or restored).
                        "logger.kafkaoffsets.name = org.apache.kafka.clients.consumer.internals",
                        "logger.kafkaoffsets.level = INFO",
                        ""));
        return conf;
    }

    /** Options both processes get: logging, temp dirs, Avro trust, quiet interpreter warning. */
    static List<String> commonJvmOptions(Path dir, Path logFile) {
        List<String> opts = new ArrayList<>(JDK_OPENS);
        opts.add("-Dlog.file=" + logFile);
        opts.add("-Dlog4j.configurationFile=" + dir.resolve("conf").resolve("log4j2.properties"));
        opts.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        opts.add(
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES="
                        + System.getProperty(
                                "org.apache.avro.SERIALIZABLE_PACKAGES", "io.netinsights.schemas"));
        opts.add("-Dpolyglot.engine.WarnInterpreterOnly=false");
        opts.add("-Dpolyglot.engine.userResourceCache=" + dir.resolve("polyglot-cache"));
        opts.add("-XX:+UseSerialGC");
        return opts;
    }
}
