package io.netinsights.jobs.kafka;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The program arguments of a submitted job, as the CLI's submit command writes them. */
class ScriptJobMainTest {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesScriptNameKafkaAndRepeatedEnv() {
        ScriptJobMain.Args a =
                ScriptJobMain.parse(
                        new String[] {
                            "--name",
                            "top-dns",
                            "--kafka",
                            "kafka:9092",
                            "--script-file",
                            "top.js",
                            "--script-base64",
                            b64("// Top\nvar n = 0;"),
                            "--env",
                            "A=1",
                            "--env",
                            "B=x=y"
                        });
        assertThat(a.name()).isEqualTo("top-dns");
        assertThat(a.bootstrap()).isEqualTo("kafka:9092");
        assertThat(a.script().fileName()).isEqualTo("top.js");
        assertThat(a.script().title()).isEqualTo("Top");
        assertThat(a.env()).containsEntry("A", "1").containsEntry("B", "x=y");
        assertThat(a.startFrom()).isEqualTo(KafkaOptions.StartFrom.LATEST);
    }

    @Test
    void aNewGroupCanStartAtTheEarliestOffsets() {
        String[] args = {
            "--name", "x", "--kafka", "k:1", "--script-base64", b64("var a;"), "--start-from"
        };
        assertThat(ScriptJobMain.parse(append(args, "earliest")).startFrom())
                .isEqualTo(KafkaOptions.StartFrom.EARLIEST);
        assertThatThrownBy(() -> ScriptJobMain.parse(append(args, "middle")))
                .hasMessage("--start-from must be earliest or latest, was middle");
    }

    private static String[] append(String[] args, String last) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    @Test
    void missingOrBadArgumentsSayWhich() {
        assertThatThrownBy(() -> ScriptJobMain.parse(new String[] {"--name", "x"}))
                .hasMessage("missing --kafka");
        assertThatThrownBy(
                        () ->
                                ScriptJobMain.parse(
                                        new String[] {
                                            "--name", "x", "--kafka", "k:1", "--script-base64", "%%"
                                        }))
                .hasMessageStartingWith("--script-base64 is not base64");
        assertThatThrownBy(
                        () ->
                                ScriptJobMain.parse(
                                        new String[] {
                                            "--name",
                                            "x",
                                            "--kafka",
                                            "k:1",
                                            "--script-base64",
                                            b64("var a;"),
                                            "--env",
                                            "novalue"
                                        }))
                .hasMessage("--env must be K=V, was novalue");
    }
}
