package io.netinsights.cli;

import io.netinsights.schemas.ConsoleLine;

import java.io.PrintWriter;

/**
 * Prints console lines as {@code [instance] text}: logs on stdout, errors and notices on stderr.
 */
final class ConsolePrinter {
    private ConsolePrinter() {}

    static void print(ConsoleLine line, PrintWriter out, PrintWriter err) {
        String prefix = "[" + line.getInstance() + "] ";
        switch (line.getLevel()) {
            case LOG -> {
                out.println(prefix + line.getText());
                out.flush();
            }
            case ERROR -> {
                err.println(prefix + line.getText());
                err.flush();
            }
            case SYSTEM -> {
                err.println(prefix + "! " + line.getText());
                err.flush();
            }
            case CLEAR -> {
                // A terminal has no view to clear; the dashboard uses these lines.
            }
        }
    }
}
