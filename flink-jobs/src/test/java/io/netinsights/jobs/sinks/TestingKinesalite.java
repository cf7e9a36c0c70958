package io.netinsights.jobs.sinks;

import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kinesalite (npm, LevelDB-backed) bound to 127.0.0.1 through a small wrapper script, installed
 * into target/kinesalite at test time. It can be killed and started again on the same port and data
 * directory to stage an outage. Tests are skipped only when node is not installed.
 */
final class TestingKinesalite implements AutoCloseable {
    static final String PACKAGE = "kinesalite@3.3.3";
    private static final Path HOME = Path.of("target", "kinesalite").toAbsolutePath();
    private static final String WRAPPER =
            "const kinesalite = require('kinesalite');\n"
                    + "kinesalite({ path: process.argv[3], createStreamMs: 50, deleteStreamMs: 50,"
                    + " updateStreamMs: 50, shardLimit: 50 })\n"
                    + "  .listen(+process.argv[2], '127.0.0.1', e => { if (e) { throw e; }"
                    + " console.log('kinesalite up'); });\n";

    static {
        // kinesalite truncates CBOR responses; the SDK then speaks JSON (stack.md §6).
        System.setProperty("aws.cborEnabled", "false");
    }

    private final int port;
    private final Path data;
    private Process process;

    private TestingKinesalite(int port, Path data) {
        this.port = port;
        this.data = data;
    }

    /** Installs kinesalite when needed and starts it; skips the test class when node is absent. */
    static TestingKinesalite start() throws IOException, InterruptedException {
        Assumptions.assumeTrue(
                onPath("node") && onPath("npm"),
                "node/npm are not installed: the Kinesis sink tests need kinesalite (npm)");
        install();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(Path.of("target", "tmp"));
        TestingKinesalite k =
                new TestingKinesalite(
                        port, Files.createTempDirectory(Path.of("target", "tmp"), "kinesalite-"));
        k.launch();
        return k;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Kills the server like a crash; its data directory stays. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts again on the same port and data directory. */
    void restart() throws IOException, InterruptedException {
        launch();
    }

    KinesisClient client() {
        return KinesisClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "t")))
                .build();
    }

    void createStream(String name, int shards) throws InterruptedException {
        try (KinesisClient c = client()) {
            c.createStream(b -> b.streamName(name).shardCount(shards));
            // The SDK waiter polls every 10 s; the stream is ACTIVE after ~50 ms.
            while (c.describeStreamSummary(b -> b.streamName(name))
                            .streamDescriptionSummary()
                            .streamStatus()
                    != StreamStatus.ACTIVE) {
                Thread.sleep(50);
            }
        }
    }

    /** Every record of every shard, from the start. */
    List<byte[]> readAll(String stream) {
        List<byte[]> out = new ArrayList<>();
        try (KinesisClient c = client()) {
            for (Shard shard : c.listShards(b -> b.streamName(stream)).shards()) {
                String it =
                        c.getShardIterator(
                                        b ->
                                                b.streamName(stream)
                                                        .shardId(shard.shardId())
                                                        .shardIteratorType(
                                                                ShardIteratorType.TRIM_HORIZON))
                                .shardIterator();
                while (it != null) {
                    String current = it;
                    GetRecordsResponse r =
                            c.getRecords(b -> b.shardIterator(current).limit(10_000));
                    for (Record rec : r.records()) {
                        out.add(rec.data().asByteArray());
                    }
                    it = r.records().isEmpty() ? null : r.nextShardIterator();
                }
            }
        }
        return out;
    }

    private static void install() throws IOException, InterruptedException {
        if (!Files.exists(HOME.resolve("node_modules/kinesalite/package.json"))) {
            Files.createDirectories(HOME);
            Process npm =
                    new ProcessBuilder(
                                    "npm",
                                    "install",
                                    "--prefix",
                                    HOME.toString(),
                                    "--no-audit",
                                    "--no-fund",
                                    "--loglevel=error",
                                    PACKAGE)
                            .redirectErrorStream(true)
                            .redirectOutput(HOME.resolve("npm-install.log").toFile())
                            .start();
            if (!npm.waitFor(3, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException(
                        "npm install "
                                + PACKAGE
                                + " failed; see "
                                + HOME.resolve("npm-install.log"));
            }
        }
        Files.writeString(HOME.resolve("kinesalite-lo.js"), WRAPPER);
    }

    private void launch() throws IOException, InterruptedException {
        process =
                new ProcessBuilder(
                                "node",
                                HOME.resolve("kinesalite-lo.js").toString(),
                                String.valueOf(port),
                                data.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        HOME.resolve("kinesalite-" + port + ".log").toFile()))
                        .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "kinesalite did not start on port "
                                    + port
                                    + "; see target/kinesalite/kinesalite-"
                                    + port
                                    + ".log",
                            e);
                }
                Thread.sleep(50);
            }
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
