package io.netinsights.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper that reads an OCI image layout tarball (what {@code jib:buildTar} writes with {@code
 * <format>OCI</format>}): checks the layout and every blob's digest and size, and unpacks the
 * layers in order into a root file system. Uses the host's {@code tar}.
 */
final class OciImageLayout {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final String refName;
    final JsonNode manifest;
    final JsonNode config;

    private OciImageLayout(Path dir, String refName, JsonNode manifest, JsonNode config) {
        this.dir = dir;
        this.refName = refName;
        this.manifest = manifest;
        this.config = config;
    }

    /** Extracts {@code tarball} into {@code dir} and reads index, manifest and config. */
    static OciImageLayout open(Path tarball, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run(List.of("tar", "-xf", tarball.toString(), "-C", dir.toString()));
        JsonNode layout = JSON.readTree(dir.resolve("oci-layout").toFile());
        check("1.0.0".equals(layout.path("imageLayoutVersion").asText()), "oci-layout version");
        JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
        check(index.path("schemaVersion").asInt() == 2, "index.json schemaVersion 2");
        check(index.path("manifests").size() == 1, "one manifest in index.json");
        JsonNode entry = index.path("manifests").get(0);
        check(
                "application/vnd.oci.image.manifest.v1+json"
                        .equals(entry.path("mediaType").asText()),
                "OCI manifest media type");
        String ref = entry.path("annotations").path("org.opencontainers.image.ref.name").asText();
        JsonNode manifest = JSON.readTree(blob(dir, entry));
        JsonNode configRef = manifest.path("config");
        check(
                "application/vnd.oci.image.config.v1+json"
                        .equals(configRef.path("mediaType").asText()),
                "OCI config media type");
        JsonNode config = JSON.readTree(blob(dir, configRef));
        for (JsonNode layer : manifest.path("layers")) {
            blob(dir, layer);
        }
        return new OciImageLayout(dir, ref, manifest, config);
    }

    /** The entrypoint and command the image runs. */
    List<String> command() {
        List<String> cmd = new ArrayList<>();
        config.path("config").path("Entrypoint").forEach(n -> cmd.add(n.asText()));
        config.path("config").path("Cmd").forEach(n -> cmd.add(n.asText()));
        return cmd;
    }

    /** Unpacks every layer, base first, into {@code root}. */
    void unpack(Path root) throws IOException, InterruptedException {
        Files.createDirectories(root);
        for (JsonNode layer : manifest.path("layers")) {
            Path blob = dir.resolve("blobs/sha256").resolve(hex(layer));
            run(List.of("tar", "-xzf", blob.toString(), "-C", root.toString()));
        }
    }

    /** Reads a blob named by a descriptor, failing unless its size and sha256 match. */
    private static byte[] blob(Path dir, JsonNode descriptor) throws IOException {
        Path file = dir.resolve("blobs/sha256").resolve(hex(descriptor));
        check(Files.size(file) == descriptor.path("size").asLong(), "size of " + file);
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        check(HexFormat.of().formatHex(sha.digest()).equals(hex(descriptor)), "digest of " + file);
        return Files.size(file) < (1 << 20) ? Files.readAllBytes(file) : new byte[0];
    }

    private static String hex(JsonNode descriptor) {
        String digest = descriptor.path("digest").asText();
        check(digest.startsWith("sha256:"), "sha256 digest, was " + digest);
        return digest.substring("sha256:".length());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }

    /**
     * A process that runs {@code command} (an image's entrypoint, {@code java} first) in the
     * unpacked image at {@code root} as a container runtime would: {@code /proc}, {@code /dev},
     * {@code /etc/hosts} and {@code /etc/resolv.conf} mounted, in a private mount namespace so that
     * the mounts vanish with it, under {@code chroot}, with the image's PATH. Needs root. The
     * process is {@code java} itself (every wrapper execs), so {@code toHandle().destroy()} sends
     * SIGTERM to the JVM.
     */
    static ProcessBuilder inImage(Path root, List<String> command) throws IOException {
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("dev"));
        List<String> argv = new ArrayList<>(command);
        argv.set(0, "/opt/java/bin/" + command.get(0));
        // Like a container runtime, the host's /etc/hosts and /etc/resolv.conf are mounted in:
        // Flink's embedded runtime looks up the host's own name.
        for (String etc : List.of("etc/hosts", "etc/resolv.conf")) {
            if (!Files.exists(root.resolve(etc))) {
                Files.createFile(root.resolve(etc));
            }
        }
        String script =
                "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\""
                        + " && mount --bind /etc/hosts \"$0/etc/hosts\""
                        + " && mount --bind /etc/resolv.conf \"$0/etc/resolv.conf\""
                        + " && exec env -i PATH=/opt/java/bin HOME=/root"
                        + " \"$(command -v chroot)\" \"$0\" \"$@\"";
        List<String> full = new ArrayList<>(List.of("unshare", "--mount", "sh", "-c", script));
        full.add(root.toAbsolutePath().toString());
        full.addAll(argv);
        return new ProcessBuilder(full);
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        check(p.waitFor(5, TimeUnit.MINUTES), "timeout: " + command);
        if (p.exitValue() != 0) {
            throw new IOException(command + " failed: " + new String(out));
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("not a valid OCI image layout: " + what);
        }
    }
}
