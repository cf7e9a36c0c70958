package io.netinsights.dashboard;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end in headless Chromium: the page asks the seed question, shows the script, runs it on
 * the bundled capture, shows console lines and updates the chart. Screenshots go to {@code
 * target/screenshots/}. Skipped (with the reason) only when node, npm or chromium is missing.
 */
class DashboardBrowserITCase {
    static final Path CAPTURE = Path.of("../data/captures/sample.pcap");
    static final Path TARGET = Path.of("target");

    @Test
    void askRunConsoleAndChartInChromium() throws Exception {
        String chromium = System.getProperty("chromium", "/usr/bin/chromium");
        assumeTrue(
                Files.isExecutable(Path.of(chromium)),
                "chromium not installed at " + chromium + " (apt-get install -y chromium)");
        assumeTrue(onPath("node") && onPath("npm"), "node and npm are needed on the PATH");
        installPlaywrightCore();

        Path shots = TARGET.resolve("screenshots");
        try (DashboardServer server = DashboardServer.start(CAPTURE, 0)) {
            Path log = TARGET.resolve("e2e.log");
            int code =
                    exec(
                            log,
                            600,
                            "node",
                            "src/test/js/dashboard-e2e.cjs",
                            server.url(),
                            shots.toString(),
                            chromium);
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(code).as("node e2e script; its output:\n%s", out).isZero();
            assertThat(out).contains("console: [hub]").contains("bars");
        }
        assertThat(shots.resolve("2-script.png")).exists();
        assertThat(shots.resolve("3-run.png")).exists();
    }

    private static void installPlaywrightCore() throws Exception {
        if (Files.isDirectory(TARGET.resolve("node_modules/playwright-core"))) {
            return;
        }
        int code =
                exec(
                        TARGET.resolve("npm-install.log"),
                        300,
                        "npm",
                        "install",
                        "--prefix",
                        TARGET.toString(),
                        "--no-audit",
                        "--no-fund",
                        "playwright-core@1");
        assertThat(code).as("npm install playwright-core, see target/npm-install.log").isZero();
    }

    static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    static int exec(Path log, long timeoutSeconds, String... command) throws Exception {
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment()
                .put("NODE_PATH", TARGET.resolve("node_modules").toAbsolutePath().toString());
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " timed out; see " + log);
        }
        return p.exitValue();
    }
}
