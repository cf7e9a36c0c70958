package io.netinsights.capture.dissect;

/** What a {@link ConversationParser} reports to, and the limits it must respect. */
public interface ParserContext {

    /** A complete request or response. */
    void emit(Message message);

    /** Counts one malformed message or unparseable stretch of bytes. */
    void parseError();

    /** Most body bytes to keep per message (before and after content decoding). */
    int maxBodyBytes();
}
