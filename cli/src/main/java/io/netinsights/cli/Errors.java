package io.netinsights.cli;

/** Turns an exception chain into the one-line reason the CLI prints. */
final class Errors {
    private Errors() {}

    static String oneLine(Throwable t) {
        Throwable cause = t;
        String best = null;
        while (cause != null) {
            if (cause instanceof UserError) {
                return cause.getMessage();
            }
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                best = cause.getMessage();
            }
            if (cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        String msg = best == null ? t.getClass().getSimpleName() : best;
        int nl = msg.indexOf('\n');
        return nl > 0 ? msg.substring(0, nl) : msg;
    }

    /** An error caused by the user's input, reported without a stack trace. */
    static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserError(String message) {
            super(message);
        }
    }
}
