package io.netinsights.cli;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capture} from the bundled capture file to JSON lines, and its usage errors. */
class CaptureCommandTest {
    static final String SAMPLE = "../data/captures/sample.pcap";

    @TempDir Path tmp;

    @Test
    void aCaptureFileBecomesJsonLinesWithASummary() throws Exception {
        Path out = tmp.resolve("items.jsonl");
        CliResult r = capture("--pcap", SAMPLE, "--out", out.toString(), "--node", "node-x");

        assertThat(r.code()).as(r.err()).isZero();
        List<ApiItem> items =
                Files.readAllLines(out).stream()
                        .map(ItemJson::fromJson)
                        .collect(Collectors.toList());
        assertThat(items).isNotEmpty();
        assertThat(items).allSatisfy(i -> assertThat(i.getWorker()).isEqualTo("node-x"));
        List<String> err = r.err().lines().collect(Collectors.toList());
        assertThat(err).hasSize(1);
        assertThat(err.get(0))
                .startsWith("capture: packets=")
                .contains(" items=" + items.size() + " (")
                .contains("parseErrors=")
                .endsWith(" outputDrops=0");
    }

    @Test
    void dashWritesOnlyItemsToStdout() {
        CliResult r = capture("--pcap", SAMPLE, "--out", "-", "--progress", "0");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines())
                .isNotEmpty()
                .allSatisfy(l -> assertThat(ItemJson.fromJson(l).getId()).isNotEmpty());
        assertThat(r.err()).startsWith("capture: ");
    }

    @Test
    void usageErrorsAreOneLine() {
        assertThat(capture("--pcap", SAMPLE, "--out", "-", "--filter", "tcp").err())
                .isEqualTo("netinsights: --filter and --duration apply to --iface only\n");
        assertThat(capture("--pcap", tmp.resolve("none.pcap").toString(), "--out", "-").err())
                .startsWith("netinsights: input not found: ");
        assertThat(capture("--iface", "lo", "--duration", "-1", "--out", "-").err())
                .isEqualTo("netinsights: --duration must be a positive number of seconds\n");
        assertThat(capture("--pcap", SAMPLE, "--kubeconfig", "/nonexistent", "--out", "-").err())
                .isEqualTo("netinsights: kubeconfig not readable: /nonexistent\n");
        assertThat(capture("--pcap", SAMPLE).code()).isEqualTo(Main.EXIT_USAGE);
    }

    /** Runs {@code capture} the way {@link Main#execute} does, registered or not yet. */
    private static CliResult capture(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        if (!cmd.getSubcommands().containsKey("capture")) {
            cmd.addSubcommand(new CaptureCommand());
        }
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setExecutionExceptionHandler(
                (ex, c, parseResult) -> {
                    c.getErr().println("netinsights: " + Errors.oneLine(ex));
                    return Main.EXIT_ERROR;
                });
        String[] all = new String[args.length + 1];
        all[0] = "capture";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cmd.execute(all);
        return new CliResult(code, out.toString(), err.toString());
    }
}
