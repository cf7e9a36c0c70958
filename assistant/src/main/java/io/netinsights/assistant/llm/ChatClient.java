package io.netinsights.assistant.llm;

import java.util.List;

/** A chat model: takes the conversation so far and returns the model's next message. */
public interface ChatClient {
    /**
     * The model's reply.
     *
     * @throws LlmException when the model cannot be reached or answers with an error
     */
    String chat(List<ChatTurn> conversation);

    /** A short name for explanations, for example "openai:gpt-4o-mini". */
    String describe();
}
