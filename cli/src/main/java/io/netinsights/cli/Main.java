package io.netinsights.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code netinsights} command: one entry point with a subcommand per task. */
@Command(
        name = "netinsights",
        mixinStandardHelpOptions = true,
        version = "netinsights 0.1.0",
        description = "Network insights for Kubernetes: run Kubeshark-compatible scripts on Flink.",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            KafkaCommand.class,
            CaptureCommand.class,
            ReportCommand.class,
            DashboardCommand.class,
            SubmitCommand.class,
            ListCommand.class,
            StopCommand.class,
            LogsCommand.class,
            AskCommand.class,
            EvalAssistantCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    /** Exit code of a script or input error (the reason is printed on one line). */
    public static final int EXIT_ERROR = 1;

    /** Exit code of bad usage (unknown option, missing argument). */
    public static final int EXIT_USAGE = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI on the process's stdout and stderr and returns its exit code. */
    public static int execute(String... args) {
        return execute(
                new java.io.PrintWriter(System.out, true),
                new java.io.PrintWriter(System.err, true),
                args);
    }

    /** Runs the CLI with the given output streams and returns its exit code. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> {
                    boolean verbose = parseResult.hasMatchedOption("--verbose");
                    commandLine.getErr().println("netinsights: " + Errors.oneLine(ex));
                    if (verbose) {
                        ex.printStackTrace(commandLine.getErr());
                    }
                    return EXIT_ERROR;
                });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
