package io.netinsights.jobs.sinks;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * S3Mock's standalone jar (copied to target/peers by the build), started with {@code java -jar} on
 * free ports and shared by the test classes of one JVM (it takes ~10 s to start). It can be stopped
 * and started again on the same ports and store, to stage an outage.
 */
final class TestingS3Mock {
    static final String BUCKETS = "sink-test,traffic-archive";
    private static final Path JAR = Path.of("target", "peers", "s3mock-4.11.0-exec.jar");
    private static TestingS3Mock shared;

    private final int httpPort;
    private final int httpsPort;
    private final Path root;
    private Process process;

    private TestingS3Mock(int httpPort, int httpsPort, Path root) {
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.root = root;
    }

    /** The JVM-wide instance, started on first use and stopped when the JVM exits. */
    static synchronized TestingS3Mock shared() throws IOException, InterruptedException {
        if (shared == null) {
            if (!Files.exists(JAR)) {
                throw new IllegalStateException(
                        JAR
                                + " is missing: run the build through the"
                                + " process-test-resources phase (maven-dependency-plugin:copy)");
            }
            Files.createDirectories(Path.of("target", "tmp"));
            TestingS3Mock s =
                    new TestingS3Mock(
                            freePort(),
                            freePort(),
                            Files.createTempDirectory(Path.of("target", "tmp"), "s3mock-"));
            s.launch();
            Runtime.getRuntime().addShutdownHook(new Thread(s::destroy, "s3mock-stop"));
            shared = s;
        }
        return shared;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /**
     * Stops the server gracefully; objects stay in its store. (A kill in the middle of a put can
     * leave S3Mock's bucket metadata file empty, and the store unreadable after a restart.)
     */
    synchronized void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    synchronized void restart() throws IOException, InterruptedException {
        launch();
    }

    S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "t")))
                .build();
    }

    /** Key to content of the objects under {@code prefix}. */
    Map<String, String> objects(String bucket, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        try (S3Client c = client()) {
            for (S3Object o :
                    c.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                out.put(
                        o.key(),
                        c.getObjectAsBytes(b -> b.bucket(bucket).key(o.key()))
                                .asString(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private void launch() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb =
                new ProcessBuilder(
                                java,
                                "-Xmx384m",
                                "-XX:TieredStopAtLevel=1",
                                "-jar",
                                JAR.toString(),
                                "--server.address=127.0.0.1",
                                "--com.adobe.testing.s3mock.httpPort=" + httpPort,
                                "--server.port=" + httpsPort,
                                "--server.shutdown=immediate")
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        root.resolveSibling(root.getFileName() + ".log").toFile()));
        pb.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_ROOT", root.toString());
        pb.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS", BUCKETS);
        pb.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_RETAIN_FILES_ON_EXIT", "true");
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", httpPort), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "S3Mock did not start on port " + httpPort + "; see " + root + ".log",
                            e);
                }
                Thread.sleep(100);
            }
        }
    }

    private void destroy() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
