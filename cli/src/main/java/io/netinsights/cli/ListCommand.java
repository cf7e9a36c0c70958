package io.netinsights.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code list --target URL|k8s}: one line per script job, tab-separated name and state. */
@Command(name = "list", description = "List script jobs on a Flink cluster or k8s.")
final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DeployTargetOptions target = new DeployTargetOptions();

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        target.checkKnown();
        PrintWriter out = spec.commandLine().getOut();
        if (target.isKubernetes()) {
            KubernetesClient client = target.kubernetes();
            try {
                out.println("NAME\tDESIRED\tSTATE");
                target.jobs(client, "-")
                        .list()
                        .forEach(r -> out.println(DeployKubernetesJobs.describe(r)));
            } finally {
                target.release(client);
            }
        } else if (target.isRest()) {
            out.println("NAME\tSTATE\tJOB-ID");
            for (DeployFlinkRestClient.JobRow j : target.rest().jobs()) {
                out.printf("%s\t%s\t%s%n", j.name(), j.state(), j.id());
            }
        } else {
            throw new Errors.UserError("list needs --target URL or --target k8s");
        }
        return 0;
    }
}
