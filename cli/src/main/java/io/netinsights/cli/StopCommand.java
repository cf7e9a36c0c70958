package io.netinsights.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code stop NAME [--savepoint] --target URL|k8s}. On k8s, {@code --savepoint} suspends the
 * FlinkSessionJob (the operator takes the savepoint) so that {@code submit} of the same name
 * resumes; on a Flink cluster it prints the savepoint path for {@code submit --from-savepoint}.
 */
@Command(name = "stop", description = "Stop a script job, optionally with a savepoint.")
final class StopCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin DeployTargetOptions target = new DeployTargetOptions();

    @Option(names = "--savepoint", description = "take a savepoint to resume from later")
    boolean savepoint;

    @Option(
            names = "--savepoint-dir",
            paramLabel = "URI",
            description = "URL targets: savepoint directory")
    String savepointDir;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        target.checkKnown();
        PrintWriter out = spec.commandLine().getOut();
        if (target.isKubernetes()) {
            KubernetesClient client = target.kubernetes();
            try {
                if (!target.jobs(client, "-").stop(name, savepoint)) {
                    throw new Errors.UserError(
                            "no FlinkSessionJob " + name + " in " + target.namespace);
                }
            } finally {
                target.release(client);
            }
            out.println(
                    savepoint
                            ? "suspended " + name + " (savepoint by the operator)"
                            : "deleted " + name);
            return 0;
        }
        if (!target.isRest()) {
            throw new Errors.UserError("stop needs --target URL or --target k8s");
        }
        DeployFlinkRestClient rest = target.rest();
        String jobId =
                rest.jobs().stream()
                        .filter(j -> j.name().equals(name) && j.state().equals("RUNNING"))
                        .map(DeployFlinkRestClient.JobRow::id)
                        .findFirst()
                        .orElseThrow(() -> new Errors.UserError("no running job named " + name));
        if (savepoint) {
            String path = rest.stopWithSavepoint(jobId, savepointDir, Duration.ofMinutes(5));
            out.println("stopped " + name + " with savepoint " + path);
        } else {
            rest.cancel(jobId);
            out.println("cancelled " + name);
        }
        return 0;
    }
}
