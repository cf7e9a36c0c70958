package io.netinsights.dashboard;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Executes every notebook under {@code notebooks/} top to bottom with Debian's Jupyter ({@code
 * python3 -m nbconvert --execute}); a failing cell fails the build. A notebook reads the console
 * lines {@link DashboardServerITCase} exported when that file exists, else its committed data.
 * Skipped (with the reason) only when nbconvert is not installed.
 */
class NotebookITCase {
    static final Path NOTEBOOKS = Path.of("../notebooks");
    static final String PYTHON = System.getProperty("notebooks.python", "/usr/bin/python3");

    @Test
    void everyNotebookRunsTopToBottom() throws Exception {
        assumeTrue(
                run(Path.of("target/nbconvert-version.log"), PYTHON, "-m", "nbconvert", "--version")
                        == 0,
                "Jupyter nbconvert is not installed for "
                        + PYTHON
                        + " (apt-get install -y python3-nbconvert python3-ipykernel"
                        + " python3-matplotlib python3-pandas)");
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(NOTEBOOKS)) {
            notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertThat(notebooks).isNotEmpty();
        Path out = Path.of("target/notebooks").toAbsolutePath();
        Files.createDirectories(out);
        for (Path nb : notebooks) {
            Path log = out.resolve(nb.getFileName() + ".log");
            int code =
                    run(
                            log,
                            PYTHON,
                            "-m",
                            "nbconvert",
                            "--to",
                            "notebook",
                            "--execute",
                            "--ExecutePreprocessor.timeout=300",
                            "--output-dir",
                            out.toString(),
                            nb.toAbsolutePath().toString());
            assertThat(code)
                    .as("%s failed; nbconvert said:\n%s", nb, Files.readString(log))
                    .isZero();
        }
        assertThat(out.resolve("top-dns-consumers.png")).exists();
    }

    private static int run(Path log, String... command) throws Exception {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb =
                new ProcessBuilder(command)
                        .directory(NOTEBOOKS.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toAbsolutePath().toFile());
        Path export = DashboardServerITCase.EXPORT.toAbsolutePath();
        if (Files.isRegularFile(export)) {
            pb.environment().put("NETINSIGHTS_CONSOLE_JSONL", export.toString());
        }
        pb.environment()
                .put(
                        "NETINSIGHTS_NOTEBOOK_OUT",
                        Path.of("target/notebooks").toAbsolutePath().toString());
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            return -1; // no such interpreter: reported by the assumption above
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out; see " + log);
        }
        return p.exitValue();
    }
}
