package io.netinsights.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

/** The exit code and output of one CLI invocation in a test. */
record CliResult(int code, String out, String err) {

    static CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliResult(code, out.toString(), err.toString());
    }

    List<String> outLines() {
        return Arrays.asList(out.strip().split("\n"));
    }
}
