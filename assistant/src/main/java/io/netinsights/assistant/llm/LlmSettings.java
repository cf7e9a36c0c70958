package io.netinsights.assistant.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the model is: base URL, model name, API key and provider (OpenAI-compatible or Ollama).
 *
 * @param baseUrl for example {@code http://127.0.0.1:11434} or {@code https://api.openai.com/v1}
 * @param model the model name
 * @param apiKey the key, or "" (Ollama needs none)
 * @param provider which API the server speaks
 * @param timeout how long one request may take
 */
public record LlmSettings(
        String baseUrl, String model, String apiKey, Provider provider, Duration timeout) {
    /** Environment variables read for the API key, first match wins. */
    public static final String[] KEY_VARIABLES = {"NETINSIGHTS_LLM_API_KEY", "OPENAI_API_KEY"};

    /** The API a model server speaks. */
    public enum Provider {
        OPENAI,
        OLLAMA
    }

    public LlmSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        apiKey = apiKey == null ? "" : apiKey;
        Objects.requireNonNull(provider, "provider");
        timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
        try {
            URI u = URI.create(baseUrl);
            if (u.getScheme() == null || !u.getScheme().startsWith("http")) {
                throw new IllegalArgumentException(
                        "--llm-base-url must be an http(s) URL, not " + baseUrl);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--llm-base-url must be an http(s) URL, not " + baseUrl, e);
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("--model must name a model");
        }
    }

    /**
     * Settings for a base URL and model; the key comes from the environment, the provider from
     * {@code provider} ("openai", "ollama") or, when null, from the URL (port 11434 or a path
     * ending in /api means Ollama).
     */
    public static LlmSettings of(
            String baseUrl, String model, String provider, Map<String, String> environment) {
        String key = "";
        for (String v : KEY_VARIABLES) {
            String k = environment.get(v);
            if (k != null && !k.isBlank()) {
                key = k.strip();
                break;
            }
        }
        Provider p;
        if (provider == null || provider.isBlank()) {
            String u = baseUrl.toLowerCase(Locale.ROOT);
            p =
                    u.contains(":11434") || u.replaceAll("/+$", "").endsWith("/api")
                            ? Provider.OLLAMA
                            : Provider.OPENAI;
        } else {
            try {
                p = Provider.valueOf(provider.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--llm-provider must be openai or ollama, not " + provider, e);
            }
        }
        return new LlmSettings(baseUrl, model, key, p, null);
    }
}
