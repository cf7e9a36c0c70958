package io.netinsights.assistant.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ChatClient} over langchain4j: an OpenAI-compatible server (OpenAI, vLLM, llama.cpp, LM
 * Studio, ...) or Ollama, at temperature 0 so answers are as repeatable as the server allows.
 */
public final class Langchain4jChatClient implements ChatClient {
    private final ChatModel model;
    private final String description;

    public Langchain4jChatClient(LlmSettings s) {
        this.description = s.provider().name().toLowerCase(java.util.Locale.ROOT) + ":" + s.model();
        this.model =
                switch (s.provider()) {
                    case OPENAI ->
                            OpenAiChatModel.builder()
                                    .baseUrl(s.baseUrl())
                                    .apiKey(s.apiKey().isEmpty() ? "none" : s.apiKey())
                                    .modelName(s.model())
                                    .temperature(0.0)
                                    .timeout(s.timeout())
                                    .maxRetries(1)
                                    .build();
                    case OLLAMA ->
                            OllamaChatModel.builder()
                                    .baseUrl(s.baseUrl())
                                    .modelName(s.model())
                                    .temperature(0.0)
                                    .timeout(s.timeout())
                                    .maxRetries(1)
                                    .build();
                };
    }

    @Override
    public String chat(List<ChatTurn> conversation) {
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatTurn t : conversation) {
            messages.add(
                    switch (t.role()) {
                        case SYSTEM -> SystemMessage.from(t.text());
                        case USER -> UserMessage.from(t.text());
                        case ASSISTANT -> AiMessage.from(t.text());
                    });
        }
        try {
            String text = model.chat(messages).aiMessage().text();
            if (text == null) {
                throw new LlmException("model " + description + " returned no text", null);
            }
            return text;
        } catch (RuntimeException e) {
            if (e instanceof LlmException) {
                throw e;
            }
            throw new LlmException("model " + description + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
