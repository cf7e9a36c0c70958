package io.netinsights.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code submit}, {@code list} and {@code stop} with {@code --target k8s} against fabric8's mock
 * server in CRUD mode; the created FlinkSessionJob is validated against the operator's CRD schema.
 */
@EnableKubernetesMockClient(crud = true)
class SubmitKubernetesTest {
    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir Path dir;

    @Test
    void submitListStopWithSavepointAndResume() throws IOException {
        Path script = dir.resolve("Top_DNS.js");
        Files.writeString(script, "function onItemCaptured(d) { console.log(d.src.ip); }\n");

        assertThat(
                        run(
                                new SubmitCommand(),
                                script.toString(),
                                "--target",
                                "k8s",
                                "--env",
                                "TOP=5",
                                "--kafka",
                                "kafka:9092"))
                .contains(
                        "submitted top-dns: FlinkSessionJob netinsights/top-dns on netinsights-session");

        GenericKubernetesResource job = job("top-dns");
        assertThat(job).isNotNull();
        Map<String, Object> tree = DeployManifests.tree(Serialization.asYaml(job));
        assertThat(FlinkCrdSchemasTest.CRDS.validate(tree)).isEmpty();
        assertThat((Object) job.get("spec", "deploymentName")).isEqualTo("netinsights-session");
        assertThat((Object) job.get("spec", "job", "upgradeMode")).isEqualTo("savepoint");
        List<String> args = job.get("spec", "job", "args");
        assertThat(args)
                .containsSubsequence("--name", "top-dns")
                .containsSubsequence("--env", "TOP=5")
                .containsSubsequence("--kafka", "kafka:9092");
        String b64 = args.get(args.indexOf("--script-base64") + 1);
        assertThat(new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(script));

        assertThat(run(new ListCommand(), "--target", "k8s")).contains("top-dns\trunning\t-");

        assertThat(run(new StopCommand(), "top-dns", "--savepoint", "--target", "k8s"))
                .contains("suspended top-dns");
        assertThat((Object) job("top-dns").get("spec", "job", "state")).isEqualTo("suspended");

        run(new SubmitCommand(), script.toString(), "--target", "k8s", "--env", "TOP=5");
        assertThat((Object) job("top-dns").get("spec", "job", "state")).isEqualTo("running");

        assertThat(run(new StopCommand(), "top-dns", "--target", "k8s"))
                .contains("deleted top-dns");
        assertThat(job("top-dns")).isNull();
    }

    @Test
    void stoppingAnUnknownJobIsAUserError() {
        StringWriter err = new StringWriter();
        CommandLine cmd = command(new StopCommand());
        cmd.setErr(new PrintWriter(err, true));
        cmd.setExecutionExceptionHandler(
                (ex, c, p) -> {
                    c.getErr().println(Errors.oneLine(ex));
                    return 1;
                });
        assertThat(cmd.execute("nope", "--target", "k8s")).isEqualTo(1);
        assertThat(err.toString()).contains("no FlinkSessionJob nope in netinsights");
    }

    private GenericKubernetesResource job(String name) {
        return client.genericKubernetesResources(DeployKubernetesJobs.SESSION_JOBS)
                .inNamespace("netinsights")
                .withName(name)
                .get();
    }

    private String run(Callable<Integer> command, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cmd = command(command);
        cmd.setOut(new PrintWriter(out, true));
        int code = cmd.execute(args);
        assertThat(code).as(out.toString()).isZero();
        return out.toString();
    }

    private CommandLine command(Callable<Integer> command) {
        DeployTargetOptions target =
                command instanceof SubmitCommand s
                        ? s.target
                        : command instanceof ListCommand l
                                ? l.target
                                : ((StopCommand) command).target;
        target.clientOverride = client;
        return new CommandLine(command);
    }
}
