package io.netinsights.cli;

import io.netinsights.js.ScriptConfig;
import io.netinsights.js.ScriptSource;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code validate SCRIPT.js}: ES5 syntax, known hooks and helpers, lint; errors with line:column.
 */
@Command(name = "validate", description = "Check a script: ES5 syntax, hooks and helpers, lint.")
final class ValidateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT.js", description = "the script to check")
    Path script;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        ScriptSource source = ScriptChecks.read(script);
        ScriptChecks.check(source, ScriptConfig.defaults(), spec.commandLine().getErr());
        spec.commandLine().getOut().println(script + ": ok (" + source.title() + ")");
        return 0;
    }
}
