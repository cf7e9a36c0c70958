package io.netinsights.assistant.llm;

/** The model could not be reached or refused the request; the message says which and why. */
public final class LlmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
