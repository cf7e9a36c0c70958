package io.netinsights.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks the Jib image tarballs of capture-shipper and flink-jobs (built by {@code -Pimages}, which
 * {@code .ci/run} sets): a valid OCI layout whose entrypoint is the right one, named as the
 * manifests in {@code flink-deploy/} name it; then, as root, runs the image without Docker: its
 * layers unpacked into a directory, {@code /proc} and {@code /dev} mounted as a container runtime
 * would, and the entrypoint run under {@code chroot}.
 */
class ImagesTest {
    static final Path SHIPPER_TAR = Path.of("..", "capture-shipper", "target", "image.tar");
    static final Path FLINK_JOB_TAR = Path.of("..", "flink-jobs", "target", "image.tar");
    static final String VERSION = "0.1.0-SNAPSHOT";

    @TempDir static Path work;

    static void assumeImagesBuilt() {
        assumeTrue(
                Boolean.getBoolean("netinsights.images"),
                "images are not built in this run: build with -Pimages (as .ci/run does)");
    }

    @Test
    void shipperImageRunsTheShipper() throws Exception {
        assumeImagesBuilt();
        OciImageLayout image = OciImageLayout.open(SHIPPER_TAR, work.resolve("shipper-oci"));
        assertThat(image.refName).isEqualTo("netinsights/capture-shipper:" + VERSION);
        assertThat(image.config.path("os").asText()).isEqualTo("linux");
        assertThat(image.config.path("architecture").asText()).isEqualTo("amd64");
        assertThat(image.command())
                .startsWith("java")
                .contains("-XX:+UseSerialGC") // the collector the capture benchmark runs with
                .endsWith("io.netinsights.capture.shipper.ShipperMain");
        assertThat(daemonSetImage()).isEqualTo(image.refName);

        Path root = work.resolve("shipper-root");
        image.unpack(root);
        assertThat(root.resolve("opt/java/bin/java")).isExecutable();
        assertThat(root.resolve("lib/x86_64-linux-gnu/libpcap.so")).exists();
        assumeRoot();
        // The runtime layer is linked from the JDK that runs the build (and these tests).
        assertThat(runInImage(root, List.of("java", "-version")))
                .contains("version \"" + Runtime.version().feature());
        List<String> help = new ArrayList<>(image.command());
        help.add("--help");
        assertThat(runInImage(root, help)).contains("Usage: capture-shipper --iface IF --kafka");
    }

    @Test
    void flinkJobImageRunsTheScriptJobEntryPoint() throws Exception {
        assumeImagesBuilt();
        OciImageLayout image = OciImageLayout.open(FLINK_JOB_TAR, work.resolve("flink-oci"));
        assertThat(image.refName).isEqualTo("netinsights/flink-job:" + VERSION);
        assertThat(image.command())
                .startsWith("java")
                .contains("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.netinsights.schemas")
                .endsWith("io.netinsights.jobs.kafka.ScriptJobMain");
        // flink-session.yaml runs the session image that flink-deploy/Dockerfile makes from it.
        String sessionImage =
                Serialization.unmarshal(
                                Files.readString(
                                        DeployManifestsTest.DEPLOY_DIR.resolve(
                                                "flink-session.yaml")),
                                GenericKubernetesResource.class)
                        .get("spec", "image");
        assertThat(Files.readString(DeployManifestsTest.DEPLOY_DIR.resolve("Dockerfile")))
                .contains("FROM " + image.refName + " AS job")
                .contains("build -t " + sessionImage + " ");

        Path root = work.resolve("flink-root");
        image.unpack(root);
        assertThat(root.resolve("opt/netinsights/libs/flink-runtime-2.3.0.jar")).exists();
        assertThat(root.resolve("opt/netinsights/libs/js-language-25.0.3.jar")).exists();
        assumeRoot();
        // Parsing its arguments loads the job's classes and Flink's: a missing one fails here.
        List<String> noKafka = new ArrayList<>(image.command());
        noKafka.addAll(List.of("--name", "probe"));
        assertThat(runInImage(root, noKafka)).contains("missing --kafka");
    }

    private static String daemonSetImage() throws IOException {
        DaemonSet ds =
                Serialization.unmarshal(
                        Files.readString(
                                DeployManifestsTest.DEPLOY_DIR.resolve("shipper-daemonset.yaml")),
                        DaemonSet.class);
        return ds.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    static void assumeRoot() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        id.waitFor();
        assumeTrue(
                "0".equals(uid),
                "running an image without Docker needs root (chroot and mounts); uid is " + uid);
    }

    /** Runs {@code command} in the unpacked image until it exits; returns stdout and stderr. */
    private static String runInImage(Path root, List<String> command) throws Exception {
        Process p = OciImageLayout.inImage(root, command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
